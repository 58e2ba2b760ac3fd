/**
 * Snapshot compilation: index the configuration once, and precompute every performance's
 * calendar windows, so that questions are lookups and never touch luxon.
 *
 * Objects are numbered (`idx`) so the hot paths use typed arrays instead of maps.
 * Performances are numbered in `startsAt` order: a listing is then already sorted.
 *
 * Performances are the only objects that grow with the catalogue (10⁵ of them), so they are
 * not objects at all: their attributes and their windows live in flat typed arrays
 * (`PerformanceTable`, `WindowTable`), laid out in performance order. Compiling allocates a
 * few large buffers instead of millions of small objects (collecting those would be most of
 * the compile time), and a listing reads them sequentially. What answers repeat
 * (ISO strings, object refs, provenance, reasons) is built on first use and memoised
 * (`SnapshotMemo`).
 */
import type { ActivityProfileInput, BuyerKind, CatalogueState, ConfigurationInput, Id, ProductProfileInput, SalesCalendarInput, SalesPeriodInput } from './model';
import type { ObjectRef, ObjectType, Reason } from './explain';
import type { PeriodProvenance } from './answer';
import { ZoneClock, parseCanonicalUtcInto, parseInstant, toIso } from './time';

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
  /** Numbered in input order (memo keys). */
  idx: number;
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

/** Rule kinds as small integers (the compile loop evaluates them 10⁶ times). */
export const OPEN_ABSOLUTE = 0;
export const OPEN_RELATIVE = 1;
export const CLOSE_NONE = 0;
export const CLOSE_AT_PERFORMANCE = 1;
export const CLOSE_ABSOLUTE = 2;
export const CLOSE_RELATIVE = 3;

export interface PeriodNode {
  /** Index in `snapshot.periods` (every period of every calendar). */
  idx: number;
  ref: ObjectRef;
  calendar: CalendarNode;
  input: SalesPeriodInput;
  /** Audience categories (by idx) this period is for. */
  categoryIdxs: number[];
  /** Parsed absolute rules (NaN when unreadable; undefined when the rule is not absolute). */
  openAbsolute?: number;
  closeAbsolute?: number;
  /** The same, NaN when not absolute: always a number, so evaluating rules never boxes an instant. */
  openAt: number;
  closeAt: number;
  /** The rules, decoded: OPEN_* / CLOSE_* kinds and the relative days and hours (as given). */
  openKind: number;
  openDays: number;
  openHours: number;
  closeKind: number;
  closeDays: number;
  closeHours: number;
}
export interface CalendarNode {
  idx: number;
  ref: ObjectRef;
  input: SalesCalendarInput;
  /** Validated, or treated as validated by the compile options. */
  effective: boolean;
  periods: PeriodNode[];
}
/** The validated calendars that reach one or more channels of an event (one object per set of calendars). */
export interface CalendarGroup {
  calendars: CalendarNode[];
  calendarRefs: ObjectRef[];
}
/**
 * Which periods make which window of an event: a function of the calendars reaching each
 * channel only, so events assigned the same way share one layout (one object per layout, not
 * dozens per event: 10⁴ events).
 */
export interface EventLayout {
  /** Per channel idx: index in `groups`, or -1 when no validated calendar reaches it. */
  channelGroup: number[];
  groups: CalendarGroup[];
  /** The distinct periods of all validated calendars reaching the event: each performance evaluates each once. */
  periods: PeriodNode[];
  /**
   * Per (group × audience category), group * categoryCount + category: the window slot, or
   * -1 when no period applies. (group, category) pairs with the same periods share a slot,
   * so a calendar for all channels gives one window per category, not one per channel.
   */
  slotOf: number[];
  slotCount: number;
  /** The periods of slot s (indices in `periods`): slotPeriods[slotStart[s] .. slotStart[s + 1]]. */
  slotStart: number[];
  slotPeriods: number[];
}
export interface EventNode {
  idx: number;
  ref: ObjectRef;
  state: CatalogueState;
  seasonIdx: number;
  orgIdx: number;
  toleranceMs: number;
  layout: EventLayout;
  /** Its performances are `snapshot.eventPerformances[perfFrom .. perfTo)` (in performance order). */
  perfFrom: number;
  perfTo: number;
}

/**
 * Performances, by idx (startsAt order, then id). One entry per performance in each array.
 */
export interface PerformanceTable {
  readonly count: number;
  readonly ids: readonly Id[];
  readonly codes: readonly string[];
  /** -1 when the event is unknown. */
  readonly eventIdx: Int32Array;
  /** Index in `stateNames`. */
  readonly state: Uint8Array;
  /** The states met, by code: the six catalogue states first (RUNNING, SUSPENDED), then any other value found. */
  readonly stateNames: readonly string[];
  /** NaN when unreadable. */
  readonly startsAt: Float64Array;
  /** NaN when absent or unreadable. */
  readonly endsAt: Float64Array;
  /** When the performance is over: nothing is sold from this instant on (NaN when startsAt is unreadable). */
  readonly overAt: Float64Array;
  /** Window of slot `s` of performance `p`: windows.winStart index `slotBase[p] + s` (its event's slots). */
  readonly slotBase: Int32Array;
}

/**
 * Every performance's calendar windows, flat. Window `w` (one per performance × slot of its
 * event) is the union of intervals `winStart[w] .. winStart[w + 1]` (sorted, disjoint,
 * non-empty, already clipped to the end of the performance). Interval `i` is
 * `[ivOpen[i], ivClose[i])`, made of the *pieces* `ivPieces[ivPieceStart[i] .. ivPieceStart[i + 1]]`:
 * a piece is one period's own interval for the performance, given by the period's index in its
 * event's `periods`. Pieces' bounds are not stored (they are most of the compiled numbers and
 * only provenance reads them): `pieceBounds` recomputes them with the same function (`periodBoundsInto`).
 */
export interface WindowTable {
  readonly winStart: Int32Array;
  readonly ivOpen: Float64Array;
  readonly ivClose: Float64Array;
  readonly ivPieceStart: Int32Array;
  /** Periods' indices in their event: bytes when events have fewer than 256 periods. */
  readonly ivPieces: Uint8Array | Uint16Array | Int32Array;
  /** The most periods an event has: piece k of performance p has the memo key `p * maxPeriods + k`. */
  readonly maxPeriods: number;
}

/** Per event idx, what a listing reads for every event it meets (flat: no event object to load). */
export interface EventTable {
  readonly seasonIdx: Int32Array;
  readonly orgIdx: Int32Array;
  /** 1 when the event and its season are known and running (the event part of the catalogue gate). */
  readonly running: Uint8Array;
  readonly refs: readonly ObjectRef[];
}

/**
 * The windows of one (channel × audience category), flat and in performance order: entry `k`
 * is an interval `[bounds[2k], bounds[2k + 1])` of the window of performance `perf[k]` (of event
 * `event[k]`), in the window's order. Only performances that the catalogue lets sell (performance, event and season
 * running, readable date: facts of the configuration) have entries. Built by the first listing
 * of that pair and memoised (at most channels × categories of them), so a listing streams one
 * compact array instead of visiting every performance's windows.
 */
export interface ListingIndex {
  readonly perf: Int32Array;
  readonly event: Int32Array;
  readonly bounds: Float64Array;
  /** min(bounds[2j]) over entries j ≥ k: nothing from the first k with suffixMinOpen[k] > at is open at `at`. */
  readonly suffixMinOpen: Float64Array;
  /**
   * What a listed item of entry k repeats, at 4k .. 4k + 3: the performance ref, its startsAt,
   * the interval's opensAt and closesAt. Filled on first use: a listing then reads them in entry order instead
   * of looking them up all over the snapshot.
   */
  items: (ObjectRef | string | undefined)[] | null;
  /** A listing's scratch (the entries it keeps), allocated once: listings are synchronous. */
  matches: Int32Array | null;
}

/**
 * The explicit performance selections of activity profiles, by performance: the profiles
 * (idx, ascending) whose selection for the performance's event contains it are
 * `profiles[start[p] .. start[p + 1]]`. Same facts as `performanceSelections`, laid out for
 * a listing that checks performances in order.
 */
export interface SelectionTable {
  readonly start: Int32Array;
  readonly profiles: Int32Array;
}

/** Lightweight view of one performance (built on demand, see `snapshot.performances`). */
export interface PerformanceNode {
  idx: number;
  ref: ObjectRef;
  state: CatalogueState;
  eventIdx: number;
  startsAt: number;
  endsAt: number | null;
  overAt: number;
  startsAtIso: string | null;
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

/**
 * What answers share, filled on first use (a snapshot is immutable for callers; these are
 * pure functions of it). Dense arrays are allocated on first use; reasons are frozen and
 * keyed by the configuration objects they name, so every memo is bounded by the size of the
 * configuration, never by the number of questions.
 */
export interface SnapshotMemo {
  perfRef: ChunkedMemo<ObjectRef>;
  perfStartsIso: ChunkedMemo<string>;
  ivOpenIso: ChunkedMemo<string>;
  ivCloseIso: ChunkedMemo<string>;
  ivPeriods: ChunkedMemo<readonly PeriodProvenance[]>;
  pcProvenance: ChunkedMemo<PeriodProvenance>;
  /** Per channel idx: frozen granting-profile ref lists, by bit mask over `activityProfilesByChannel[c]`. */
  profileRefs: Map<number, readonly ObjectRef[]>[];
  /** Per reason kind (see reason-memo.ts): frozen reasons by numeric key. */
  reasons: (Map<number, Reason> | undefined)[];
  performances: PerformanceNode[] | null;
  /** Per channel idx × category count + category idx. */
  listing: (ListingIndex | undefined)[];
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
  readonly eventTable: EventTable;
  readonly calendars: CalendarNode[];
  /** Every period of every calendar, by PeriodNode.idx. */
  readonly periods: PeriodNode[];
  /** Performances (startsAt order, then id) as flat arrays. */
  readonly perf: PerformanceTable;
  readonly windows: WindowTable;
  /** Performance idxs grouped by event (EventNode.perfFrom/perfTo). */
  readonly eventPerformances: Int32Array;
  /** Sorted by startsAt, then id: one object per performance, built on first access (prefer `perf`). */
  readonly performances: PerformanceNode[];
  /** prefixMaxOverAt[i] = max(overAt of performances 0..i): a listing skips the prefix that is over. */
  readonly prefixMaxOverAt: Float64Array;
  readonly activityProfiles: ActivityProfileNode[];
  readonly selectedBy: SelectionTable;
  /** Per channel idx: the effective activity profiles that include it. */
  readonly activityProfilesByChannel: ActivityProfileNode[][];
  readonly products: ProductNode[];
  readonly productProfiles: ProductProfileNode[];
  readonly memo: SnapshotMemo;
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
    /** Performance id → performance idx. */
    performance: IdIndex;
    activityProfile: Map<Id, ActivityProfileNode>;
    product: Map<Id, ProductNode>;
    productProfile: Map<Id, ProductProfileNode>;
  };
}

/** The catalogue states, in the order of their codes in `PerformanceTable.state`. */
const CATALOGUE_STATES: readonly CatalogueState[] = ['preparing', 'validated', 'running', 'suspended', 'closed', 'cancelled'];
export const STATE_RUNNING = 2;
export const STATE_SUSPENDED = 3;

const ref = (type: ObjectType, id: Id, code: string): ObjectRef => Object.freeze({ type, id, code });

const MS_PER_MINUTE = 60_000;

/** idx of an id, -1 when unknown. */
const idxOf = (map: Map<Id, { idx: number }>, id: Id | null | undefined): number => (id == null ? -1 : (map.get(id)?.idx ?? -1));

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
  config.pointsOfSale.forEach((pos, idx) => {
    pointOfSaleMap.set(pos.id, {
      idx,
      ref: ref('pointOfSale', pos.id, pos.code),
      active: pos.active,
      channelIdx: channelIdx(pos.salesChannelId),
      orgIdx: idxOf(orgMap, pos.organizationId),
    });
  });

  // ---- calendars and their periods
  const periods: PeriodNode[] = [];
  const calendars: CalendarNode[] = config.salesCalendars.map((cal, idx) => {
    const node: CalendarNode = {
      idx,
      ref: ref('salesCalendar', cal.id, cal.code),
      input: cal,
      effective: cal.state === 'validated' || asValidated.calendars.has(cal.id),
      periods: [],
    };
    node.periods = cal.periods.map((p, i) => {
      const period = periodNode(periods.length, p, i, node, cal, categoryMap);
      periods.push(period);
      return period;
    });
    return node;
  });
  const calendarMap = new Map(calendars.map((c) => [c.ref.id, c] as const));

  // ---- events: which validated calendars reach which channel, as shared layouts
  const layouts = new EventLayouts(channels, categoryCount, periods.length);
  // The effective calendars reaching each channel, for the event being compiled (reused).
  const reachingByChannel: CalendarNode[][] = channels.map(() => []);
  const events: EventNode[] = config.events.map((e, idx) => {
    const seasonIdx = idxOf(seasonMap, e.seasonId);
    for (let c = 0; c < channelCount; c++) reachingByChannel[c].length = 0;
    const assignments = e.calendarAssignments;
    for (let i = 0; i < assignments.length; i++) {
      const assignment = assignments[i];
      const cal = calendarMap.get(assignment.salesCalendarId);
      if (!cal?.effective) continue;
      for (let c = 0; c < channelCount; c++) {
        const reaching = reachingByChannel[c];
        if ((assignment.allChannels || assignment.salesChannelIds.includes(channels[c].ref.id)) && !reaching.includes(cal)) reaching.push(cal);
      }
    }
    return {
      idx,
      ref: ref('event', e.id, e.code),
      state: e.state,
      seasonIdx,
      orgIdx: seasonIdx >= 0 ? seasons[seasonIdx].orgIdx : -1,
      toleranceMs: Math.max(0, e.closingToleranceMinutes || 0) * MS_PER_MINUTE,
      layout: layouts.of(reachingByChannel),
      perfFrom: 0,
      perfTo: 0,
    };
  });
  const eventMap = new Map(events.map((e) => [e.ref.id, e] as const));

  // ---- performances, in startsAt order, with their windows
  const { perf, windows, performanceMap, prefixMaxOverAt, eventPerformances } = compilePerformances(config, events, eventMap, clock);

  // ---- activity profiles
  const subcategoryMap = new Map(audienceSubcategories.map((u) => [u.ref.id, u] as const));
  const seatMap = new Map(seatCategories.map((k) => [k.ref.id, k] as const));
  const tariffMap = new Map(tariffTypes.map((t) => [t.ref.id, t] as const));
  const idxSet = (map: Map<Id, { idx: number }>, ids: readonly Id[]): Set<number> => new Set(ids.map((id) => idxOf(map, id)).filter((i) => i >= 0));
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
      for (let e = 0; e < events.length; e++) if (events[e].orgIdx === orgIdx) eventMatch[e] = 1;
    } else {
      for (let s = 0; s < a.events.length; s++) {
        const sel = a.events[s];
        const e = eventMap.get(sel.eventId);
        if (!e || e.orgIdx !== orgIdx) continue;
        if (sel.performanceIds.length === 0) {
          eventMatch[e.idx] = 1;
        } else if (eventMatch[e.idx] !== 1) {
          // The same event selected twice: the union of its selections (one without performances means all).
          eventMatch[e.idx] = 2;
          const set = performanceSelections.get(e.idx) ?? new Set<number>();
          for (let q = 0; q < sel.performanceIds.length; q++) {
            const p = performanceMap.get(sel.performanceIds[q]);
            if (p !== undefined) set.add(p);
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

  const memo: SnapshotMemo = {
    perfRef: new ChunkedMemo(perf.count),
    perfStartsIso: new ChunkedMemo(perf.count),
    ivOpenIso: new ChunkedMemo(windows.ivOpen.length),
    ivCloseIso: new ChunkedMemo(windows.ivOpen.length),
    ivPeriods: new ChunkedMemo(windows.ivOpen.length),
    pcProvenance: new ChunkedMemo(perf.count * windows.maxPeriods),
    profileRefs: channels.map(() => new Map()),
    reasons: [],
    performances: null,
    listing: [],
  };
  const snapshot: Snapshot = {
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
    eventTable: {
      seasonIdx: Int32Array.from(events, (e) => e.seasonIdx),
      orgIdx: Int32Array.from(events, (e) => e.orgIdx),
      running: Uint8Array.from(events, (e) => (e.state === 'running' && e.seasonIdx >= 0 && seasons[e.seasonIdx].state === 'running' ? 1 : 0)),
      refs: events.map((e) => e.ref),
    },
    calendars,
    periods,
    perf,
    windows,
    eventPerformances,
    get performances(): PerformanceNode[] {
      return memo.performances ?? (memo.performances = performanceNodes(snapshot));
    },
    prefixMaxOverAt,
    activityProfiles,
    selectedBy: selectionTable(perf, activityProfiles),
    activityProfilesByChannel,
    products,
    productProfiles,
    memo,
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
  return snapshot;
}

function selectionTable(perf: PerformanceTable, profiles: ActivityProfileNode[]): SelectionTable {
  // The (performance, profile) pairs, profiles in order (a set holds a performance once).
  const pairs: number[] = [];
  for (const profile of profiles) {
    profile.performanceSelections.forEach((selected, e) => {
      selected.forEach((p) => {
        if (perf.eventIdx[p] === e) pairs.push(p, profile.idx);
      });
    });
  }
  const start = new Int32Array(perf.count + 1);
  for (let i = 0; i < pairs.length; i += 2) start[pairs[i] + 1]++;
  for (let p = 0; p < perf.count; p++) start[p + 1] += start[p];
  const fill = start.slice(0, perf.count);
  const selecting = new Int32Array(start[perf.count]);
  for (let i = 0; i < pairs.length; i += 2) selecting[fill[pairs[i]]++] = pairs[i + 1];
  return { start, profiles: selecting };
}

function periodNode(idx: number, p: SalesPeriodInput, i: number, calendar: CalendarNode, cal: SalesCalendarInput, categoryMap: Map<Id, { idx: number }>): PeriodNode {
  const opening = p.opening;
  const closing = p.closing;
  const node: PeriodNode = {
    idx,
    ref: Object.freeze({ type: 'salesPeriod' as const, id: p.id, code: p.name || `${cal.code} #${i + 1}`, calendarId: cal.id }),
    calendar,
    input: p,
    categoryIdxs: p.audienceCategoryIds.map((a) => idxOf(categoryMap, a)).filter((a) => a >= 0),
    openAbsolute: opening.kind === 'absolute' ? parseInstant(opening.at) : undefined,
    closeAbsolute: closing.kind === 'absolute' ? parseInstant(closing.at) : undefined,
    openAt: opening.kind === 'absolute' ? parseInstant(opening.at) : Number.NaN,
    closeAt: closing.kind === 'absolute' ? parseInstant(closing.at) : Number.NaN,
    openKind: opening.kind === 'absolute' ? OPEN_ABSOLUTE : OPEN_RELATIVE,
    openDays: opening.kind === 'relative' ? opening.days : 0,
    openHours: opening.kind === 'relative' ? opening.hours : 0,
    closeKind: CLOSE_NONE,
    closeDays: 0,
    closeHours: 0,
  };
  switch (closing.kind) {
    case 'atPerformance':
      node.closeKind = CLOSE_AT_PERFORMANCE;
      break;
    case 'absolute':
      node.closeKind = CLOSE_ABSOLUTE;
      break;
    case 'relative':
      node.closeKind = CLOSE_RELATIVE;
      node.closeDays = closing.days;
      node.closeHours = closing.hours;
      break;
    default:
      break;
  }
  return node;
}

/**
 * The performance and window tables. No object per performance: read the inputs once, in
 * their order, into typed arrays; sort; size the buffers; then evaluate every period of the
 * event once per performance and merge each slot's pieces. (Split in small functions: in one
 * big function V8 stops inlining, and every double returned by a helper is then allocated.)
 */
function compilePerformances(config: ConfigurationInput, events: EventNode[], eventMap: Map<Id, EventNode>, clock: ZoneClock) {
  const read = readPerformances(config.performances, eventMap);
  const sorted = read.sorted ? read : permutePerformances(read, performanceOrder(read.keys, read.ids));
  const { eventPerformances, slotTotal, pieceBound, maxPeriods } = layoutPerformances(events, sorted.eventIdx, sorted.startsAt);
  const built = buildWindows(events, sorted, clock, slotTotal, pieceBound, maxPeriods);
  const n = sorted.ids.length;
  const perf: PerformanceTable = {
    count: n,
    ids: sorted.ids,
    codes: sorted.codes,
    eventIdx: sorted.eventIdx,
    state: sorted.state,
    stateNames: read.stateNames,
    startsAt: sorted.startsAt,
    endsAt: sorted.endsAt,
    overAt: built.overAt,
    slotBase: built.slotBase,
  };
  return { perf, windows: built.windows, performanceMap: new IdIndex(sorted.ids), prefixMaxOverAt: built.prefixMaxOverAt, eventPerformances };
}

/** The performances' own columns, in some order. */
interface PerformanceColumns {
  ids: Id[];
  codes: string[];
  eventIdx: Int32Array;
  state: Uint8Array;
  /** NaN when unreadable. */
  startsAt: Float64Array;
  endsAt: Float64Array;
}

/**
 * Everything the inputs say, read in input order (the objects are scattered in memory:
 * visiting them in startsAt order cost a cache miss each at 100,000 performances).
 */
function readPerformances(inputs: readonly PerformanceInputLike[], eventMap: Map<Id, EventNode>): PerformanceColumns & { keys: Float64Array; stateNames: string[]; sorted: boolean } {
  const n = inputs.length;
  const startsAt = new Float64Array(n);
  const keys = new Float64Array(n);
  const endsAt = new Float64Array(n);
  const eventIdx = new Int32Array(n);
  const state = new Uint8Array(n);
  const ids: Id[] = new Array(n);
  const codes: string[] = new Array(n);
  const stateNames: string[] = [...CATALOGUE_STATES];
  const stateCodes = new Map<string, number>(CATALOGUE_STATES.map((s, k) => [s, k]));
  let sorted = true;
  for (let j = 0; j < n; j++) {
    const input = inputs[j];
    readInstantInto(input.startsAt, startsAt, j);
    keys[j] = Number.isNaN(startsAt[j]) ? Number.POSITIVE_INFINITY : startsAt[j];
    if (input.endsAt) readInstantInto(input.endsAt, endsAt, j);
    else endsAt[j] = Number.NaN;
    const event = eventMap.get(input.eventId);
    eventIdx[j] = event ? event.idx : -1;
    let code = stateCodes.get(input.state);
    if (code === undefined) {
      code = stateNames.length;
      stateNames.push(input.state);
      stateCodes.set(input.state, code);
    }
    state[j] = code;
    ids[j] = input.id;
    codes[j] = input.code;
    if (j > 0 && sorted && !(keys[j - 1] < keys[j])) sorted = false;
  }
  return { ids, codes, eventIdx, state, startsAt, keys, endsAt, stateNames, sorted };
}

type PerformanceInputLike = ConfigurationInput['performances'][number];

/** out[i] = parseInstant(value), with the canonical fast path first (no double returned: it would be allocated). */
function readInstantInto(value: string, out: Float64Array, i: number): void {
  if (!parseCanonicalUtcInto(value, out, i)) out[i] = parseInstant(value);
}

/** The columns in `order`. */
function permutePerformances(read: PerformanceColumns, order: Uint32Array): PerformanceColumns {
  const n = order.length;
  const out: PerformanceColumns = {
    ids: new Array(n),
    codes: new Array(n),
    eventIdx: new Int32Array(n),
    state: new Uint8Array(n),
    startsAt: new Float64Array(n),
    endsAt: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const j = order[i];
    out.ids[i] = read.ids[j];
    out.codes[i] = read.codes[j];
    out.eventIdx[i] = read.eventIdx[j];
    out.state[i] = read.state[j];
    out.startsAt[i] = read.startsAt[j];
    out.endsAt[i] = read.endsAt[j];
  }
  return out;
}

/**
 * Sizes of the window buffers, and the performances of each event (counting sort: each
 * event's list stays in performance order).
 */
function layoutPerformances(events: EventNode[], eventIdx: Int32Array, startsAt: Float64Array) {
  const n = eventIdx.length;
  const eventCounts = new Int32Array(events.length + 1);
  let slotTotal = 0;
  let pieceBound = 0;
  let maxPeriods = 0;
  for (let i = 0; i < n; i++) {
    const e = eventIdx[i];
    if (e < 0) continue;
    const layout = events[e].layout;
    eventCounts[e + 1]++;
    slotTotal += layout.slotCount;
    if (!Number.isNaN(startsAt[i])) pieceBound += layout.slotPeriods.length;
  }
  for (const event of events) if (event.layout.periods.length > maxPeriods) maxPeriods = event.layout.periods.length;
  for (let e = 0; e < events.length; e++) eventCounts[e + 1] += eventCounts[e];
  const eventPerformances = new Int32Array(eventCounts[events.length]);
  for (let e = 0; e < events.length; e++) {
    events[e].perfFrom = eventCounts[e];
    events[e].perfTo = eventCounts[e + 1];
  }
  for (let i = 0; i < n; i++) {
    const e = eventIdx[i];
    if (e >= 0) eventPerformances[eventCounts[e]++] = i;
  }
  return { eventPerformances, slotTotal, pieceBound, maxPeriods };
}

/**
 * When performance i is over, into out[i]: endsAt if after startsAt, else local midnight after
 * the start (NaN when unreadable). An endsAt not after startsAt is a data error: fall back on
 * the end of the start day.
 */
function overInstantInto(startsAt: Float64Array, endsAt: Float64Array, i: number, clock: ZoneClock, out: Float64Array): void {
  const start = startsAt[i];
  const end = endsAt[i];
  if (Number.isNaN(start)) out[i] = Number.NaN;
  else if (!Number.isNaN(end) && end > start) out[i] = end;
  else clock.endOfLocalDayInto(startsAt, i, out, i);
}

/**
 * The bounds of one period for one performance (§1.2), the one home of that rule: compiling,
 * provenance and the checks all call it. Writes [open(P, p), close(P, p)) clipped to the end of
 * the performance into open[k] and close[k], or NaN into both when that interval is empty (close
 * not after open, or a rule that cannot be evaluated: NaN compares false). The performance's start
 * and end of sale come in `instants` (0, 1) and the results go to arrays: a double passed to or
 * returned by a call that is not inlined is allocated, 10⁶ times per compile.
 */
export function periodBoundsInto(period: PeriodNode, instants: Float64Array, toleranceMs: number, clock: ZoneClock, open: Float64Array, close: Float64Array, k: number): void {
  const over = instants[1];
  if (period.openKind === OPEN_ABSOLUTE) open[k] = period.openAt;
  else clock.minusDaysHoursInto(instants, 0, period.openDays, period.openHours, open, k);
  switch (period.closeKind) {
    case CLOSE_NONE:
      close[k] = over;
      break;
    case CLOSE_AT_PERFORMANCE:
      close[k] = instants[0] + toleranceMs;
      break;
    case CLOSE_ABSOLUTE:
      close[k] = period.closeAt;
      break;
    default:
      clock.minusDaysHoursInto(instants, 0, period.closeDays, period.closeHours, close, k);
  }
  // Nothing is sold after the performance is over, whatever the rule says.
  const clipped = Math.min(close[k], over);
  if (clipped > open[k]) {
    close[k] = clipped;
  } else {
    open[k] = Number.NaN;
    close[k] = Number.NaN;
  }
}

/** Each period of an event, once, for one performance: its piece's bounds (NaN when empty). */
function evaluatePieces(periods: readonly PeriodNode[], instants: Float64Array, toleranceMs: number, clock: ZoneClock, pieceOpen: Float64Array, pieceClose: Float64Array): void {
  for (let k = 0; k < periods.length; k++) periodBoundsInto(periods[k], instants, toleranceMs, clock, pieceOpen, pieceClose, k);
}

/** Growable output of buildWindows (intervals may outnumber the windows). */
class IntervalBuffer {
  open: Float64Array;
  close: Float64Array;
  pieceStart: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.open = new Float64Array(capacity);
    this.close = new Float64Array(capacity);
    this.pieceStart = new Int32Array(capacity + 1);
  }

  reserve(more: number): void {
    if (this.count + more <= this.open.length) return;
    const capacity = Math.max(this.count + more, Math.ceil(this.open.length * 1.5));
    this.open = grow(this.open, capacity);
    this.close = grow(this.close, capacity);
    this.pieceStart = grow(this.pieceStart, capacity + 1);
  }
}

/**
 * Each slot of a performance: the union of its non-empty pieces, sorted by (open, close),
 * stable, merged when they overlap or touch ([a,b) ∪ [b,c) = [a,c)). Returns the new ip.
 */
function mergeSlot(
  layout: EventLayout,
  s: number,
  pieceOpen: Float64Array,
  pieceClose: Float64Array,
  scratch: Int32Array,
  out: IntervalBuffer,
  ivPieces: Uint8Array | Uint16Array | Int32Array,
  ipStart: number,
): number {
  let ip = ipStart;
  let m = 0;
  for (let q = layout.slotStart[s]; q < layout.slotStart[s + 1]; q++) {
    const k = layout.slotPeriods[q];
    const open = pieceOpen[k];
    if (Number.isNaN(open)) continue;
    // Insertion sort (a handful of pieces): after the pieces that sort before or equal.
    let to = m;
    while (to > 0 && (pieceOpen[scratch[to - 1]] > open || (pieceOpen[scratch[to - 1]] === open && pieceClose[scratch[to - 1]] > pieceClose[k]))) {
      scratch[to] = scratch[to - 1];
      to--;
    }
    scratch[to] = k;
    m++;
  }
  if (m === 0) return ip;
  let iv = out.count;
  let k = scratch[0];
  let open = pieceOpen[k];
  let close = pieceClose[k];
  out.pieceStart[iv] = ip;
  ivPieces[ip++] = k;
  for (let q = 1; q < m; q++) {
    k = scratch[q];
    if (pieceOpen[k] <= close) {
      if (pieceClose[k] > close) close = pieceClose[k];
    } else {
      out.open[iv] = open;
      out.close[iv] = close;
      iv++;
      open = pieceOpen[k];
      close = pieceClose[k];
      out.pieceStart[iv] = ip;
    }
    ivPieces[ip++] = k;
  }
  out.open[iv] = open;
  out.close[iv] = close;
  out.count = iv + 1;
  return ip;
}

/** The windows of every performance, in performance order. */
function buildWindows(events: EventNode[], t: PerformanceColumns, clock: ZoneClock, slotTotal: number, pieceBound: number, maxPeriods: number) {
  const n = t.ids.length;
  const overAt = new Float64Array(n);
  const slotBase = new Int32Array(n);
  const prefixMaxOverAt = new Float64Array(n);
  const winStart = new Int32Array(slotTotal + 1);
  // Intervals: most windows are one interval (their periods overlap), so start with one per
  // window and grow if needed. Pieces: at most one per period of each slot.
  const out = new IntervalBuffer(slotTotal + (slotTotal >> 4) + 16);
  let ivPieces: Uint8Array | Uint16Array | Int32Array = maxPeriods <= 0x100 ? new Uint8Array(pieceBound) : maxPeriods <= 0x10000 ? new Uint16Array(pieceBound) : new Int32Array(pieceBound);
  // One performance's pieces (by period of its event; NaN bounds when empty), and a slot's sorted pieces.
  const pieceOpen = new Float64Array(maxPeriods);
  const pieceClose = new Float64Array(maxPeriods);
  const scratch = new Int32Array(maxPeriods);
  const instants = new Float64Array(2);

  let w = 0;
  let ip = 0;
  let maxOverAt = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const start = t.startsAt[i];
    overInstantInto(t.startsAt, t.endsAt, i, clock, overAt);
    const over = overAt[i];
    if (over > maxOverAt) maxOverAt = over;
    prefixMaxOverAt[i] = maxOverAt;
    slotBase[i] = w;
    const e = t.eventIdx[i];
    if (e < 0) continue;
    const event = events[e];
    const layout = event.layout;
    if (layout.slotCount === 0) continue;
    if (Number.isNaN(start)) {
      // No window at all: every slot is empty.
      for (let s = 0; s < layout.slotCount; s++) winStart[w++] = out.count;
      continue;
    }
    instants[0] = start;
    instants[1] = over;
    evaluatePieces(layout.periods, instants, event.toleranceMs, clock, pieceOpen, pieceClose);
    // Room for this performance's intervals (at most one per piece of each slot).
    out.reserve(layout.slotPeriods.length);
    for (let s = 0; s < layout.slotCount; s++) {
      winStart[w++] = out.count;
      ip = mergeSlot(layout, s, pieceOpen, pieceClose, scratch, out, ivPieces, ip);
    }
  }
  winStart[w] = out.count;
  out.pieceStart[out.count] = ip;
  // Exact sizes (a copy only when more than 1/16 would be left unused).
  const iv = out.count;
  ivPieces = fit(ivPieces, ip);
  const windows: WindowTable = {
    winStart,
    ivOpen: fit(out.open, iv),
    ivClose: fit(out.close, iv),
    ivPieceStart: fit(out.pieceStart, iv + 1),
    ivPieces,
    maxPeriods,
  };
  return { overAt, slotBase, prefixMaxOverAt, windows };
}

/**
 * The input indices sorted by (key, id, input index): startsAt order (`keys`, +Infinity when
 * unreadable), ties by id (then input order, as a stable sort would). Fast path: keys are
 * integers in a common unit (minute, second or millisecond) spanning a range small enough to
 * pack (key, index) into one exact double: the engine's native numeric sort does the work, and
 * only runs of equal keys (many: performances start on the hour) are sorted by id.
 */
export function performanceOrder(keys: Float64Array, ids: readonly string[]): Uint32Array {
  const n = keys.length;
  const order = new Uint32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  const byId = (a: number, b: number): number => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let unit = 60_000;
  let integers = true;
  for (let j = 0; j < n; j++) {
    const k = keys[j];
    if (k === Number.POSITIVE_INFINITY) continue;
    if (!Number.isInteger(k)) integers = false;
    if (k < min) min = k;
    if (k > max) max = k;
    while (unit > 1 && k % unit !== 0) unit = unit === 60_000 ? 1000 : 1;
  }
  let scale = 1;
  while (scale <= n) scale *= 2;
  // Rank of a key: (key - min) / unit; unreadable dates rank after every readable one.
  const last = max >= min ? (max - min) / unit + 1 : 0;
  if (!integers || (last + 1) * scale > Number.MAX_SAFE_INTEGER) {
    return order.sort((a, b) => keys[a] - keys[b] || byId(a, b));
  }
  const packed = new Float64Array(n);
  for (let j = 0; j < n; j++) packed[j] = (keys[j] === Number.POSITIVE_INFINITY ? last : (keys[j] - min) / unit) * scale + j;
  packed.sort();
  for (let i = 0; i < n; i++) order[i] = packed[i] % scale;
  for (let i = 0; i < n;) {
    const rank = Math.floor(packed[i] / scale);
    let end = i + 1;
    while (end < n && Math.floor(packed[end] / scale) === rank) end++;
    if (end - i > 1) order.subarray(i, end).sort(byId);
    i = end;
  }
  return order;
}

type NumberArray = Float64Array | Int32Array | Uint16Array | Uint8Array;

/** A copy of `a` with room for `capacity` elements. */
function grow<A extends NumberArray>(a: A, capacity: number): A {
  const bigger = new (a.constructor as new (n: number) => A)(capacity);
  bigger.set(a);
  return bigger;
}

/** The first `length` elements of `a`: a view when little room is wasted, else a copy. */
function fit<A extends NumberArray>(a: A, length: number): A {
  if (length === a.length) return a;
  return (a.length - length <= a.length >> 4 ? a.subarray(0, length) : a.slice(0, length)) as A;
}

/**
 * Performance id → idx: open addressing over the ids, in one Int32Array sized once (a Map of
 * 10⁵ strings cost more to build than the windows). Like the Map it replaces, a duplicated id
 * maps to the last performance with it.
 */
export class IdIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(private readonly ids: readonly Id[]) {
    let size = 16;
    while (size < 2 * ids.length) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < ids.length; i++) {
      let h = hashId(ids[i]) & this.mask;
      // 0 is an empty slot; idx + 1 otherwise.
      while (this.slots[h] !== 0 && ids[this.slots[h] - 1] !== ids[i]) h = (h + 1) & this.mask;
      this.slots[h] = i + 1;
    }
  }

  get(id: Id): number | undefined {
    if (typeof id !== 'string') return undefined;
    for (let h = hashId(id) & this.mask; ; h = (h + 1) & this.mask) {
      const v = this.slots[h];
      if (v === 0) return undefined;
      if (this.ids[v - 1] === id) return v - 1;
    }
  }

  has(id: Id): boolean {
    return this.get(id) !== undefined;
  }
}

/** FNV-1a over the UTF-16 code units. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function performanceNodes(snapshot: Snapshot): PerformanceNode[] {
  const t = snapshot.perf;
  const nodes: PerformanceNode[] = new Array(t.count);
  for (let p = 0; p < t.count; p++) {
    nodes[p] = {
      idx: p,
      ref: performanceRef(snapshot, p),
      state: t.stateNames[t.state[p]] as CatalogueState,
      eventIdx: t.eventIdx[p],
      startsAt: t.startsAt[p],
      endsAt: Number.isNaN(t.endsAt[p]) ? null : t.endsAt[p],
      overAt: t.overAt[p],
      startsAtIso: startsAtIso(snapshot, p),
    };
  }
  return nodes;
}

// ---------------------------------------------------------------------------------------
// Memoised pieces of answers

/** An array of `n` undefined, to fill later (filled at once: V8 keeps fast elements, no dictionary). */
export function denseArray<T>(n: number): (T | undefined)[] {
  return new Array<T | undefined>(n).fill(undefined);
}

const CHUNK_BITS = 10;
const CHUNK_SIZE = 1 << CHUNK_BITS;

/**
 * A memo by dense integer key (performance, interval, piece idx), allocated by chunks of
 * 1,024 entries on first use: a snapshot only pays for the regions questions touch.
 */
export class ChunkedMemo<T> {
  private readonly chunks: ((T | undefined)[] | undefined)[];

  constructor(size: number) {
    this.chunks = denseArray(Math.ceil(size / CHUNK_SIZE));
  }

  get(i: number): T | undefined {
    const chunk = this.chunks[i >> CHUNK_BITS];
    return chunk === undefined ? undefined : chunk[i & (CHUNK_SIZE - 1)];
  }

  set(i: number, value: T): T {
    const c = i >> CHUNK_BITS;
    let chunk = this.chunks[c];
    if (chunk === undefined) chunk = this.chunks[c] = denseArray(CHUNK_SIZE);
    chunk[i & (CHUNK_SIZE - 1)] = value;
    return value;
  }
}

export function performanceRef(snapshot: Snapshot, p: number): ObjectRef {
  const memo = snapshot.memo.perfRef;
  return memo.get(p) ?? memo.set(p, ref('performance', snapshot.perf.ids[p], snapshot.perf.codes[p]));
}

/** startsAt as a normalised ISO string (null when unreadable). */
export function startsAtIso(snapshot: Snapshot, p: number): string | null {
  const ms = snapshot.perf.startsAt[p];
  if (Number.isNaN(ms)) return null;
  const memo = snapshot.memo.perfStartsIso;
  return memo.get(p) ?? memo.set(p, toIso(ms));
}

export function performanceState(snapshot: Snapshot, p: number): CatalogueState {
  return snapshot.perf.stateNames[snapshot.perf.state[p]] as CatalogueState;
}

/** ISO strings of an interval's bounds, memoised (answers share the strings). */
export function openIso(snapshot: Snapshot, iv: number): string {
  return snapshot.memo.ivOpenIso.get(iv) ?? snapshot.memo.ivOpenIso.set(iv, toIso(snapshot.windows.ivOpen[iv]));
}
export function closeIso(snapshot: Snapshot, iv: number): string {
  return snapshot.memo.ivCloseIso.get(iv) ?? snapshot.memo.ivCloseIso.set(iv, toIso(snapshot.windows.ivClose[iv]));
}

// ---------------------------------------------------------------------------------------
// Windows (docs/sales-rules.md §1.2)

/** Scratch of the one-period evaluations below (questions are synchronous). */
const ONE_INSTANTS = new Float64Array(2);
const ONE_OPEN = new Float64Array(1);
const ONE_CLOSE = new Float64Array(1);

/** periodBoundsInto for performance `p`: [open, close), or NaN twice when the period gives it no interval. */
function periodBoundsOf(snapshot: Snapshot, period: PeriodNode, p: number, toleranceMs: number): [number, number] {
  ONE_INSTANTS[0] = snapshot.perf.startsAt[p];
  ONE_INSTANTS[1] = snapshot.perf.overAt[p];
  periodBoundsInto(period, ONE_INSTANTS, toleranceMs, snapshot.clock, ONE_OPEN, ONE_CLOSE, 0);
  return [ONE_OPEN[0], ONE_CLOSE[0]];
}

/** Whether a period gives performance `p` a non-empty interval (as compiled). */
export function periodGivesInterval(snapshot: Snapshot, period: PeriodNode, p: number, toleranceMs: number): boolean {
  return !Number.isNaN(periodBoundsOf(snapshot, period, p, toleranceMs)[0]);
}

/**
 * Piece `k` of performance `p` (period `k` of its event): its bounds as compiled, recomputed
 * by the same function (so, the same numbers). Only for a piece of one of p's intervals.
 */
export function pieceBounds(snapshot: Snapshot, p: number, k: number): { period: PeriodNode; open: number; close: number } {
  const event = snapshot.events[snapshot.perf.eventIdx[p]];
  const period = event.layout.periods[k];
  const [open, close] = periodBoundsOf(snapshot, period, p, event.toleranceMs);
  return { period, open, close };
}

/** A maximal interval of a union of pieces (products: the granting profiles' sale dates). */
export interface MergedInterval<T> {
  open: number;
  close: number;
  pieces: T[];
}

/** Union of pieces: sorted, overlapping or touching pieces merged ([a,b) ∪ [b,c) = [a,c)). */
export function mergePieces<T extends { open: number; close: number }>(pieces: T[]): MergedInterval<T>[] {
  if (pieces.length === 0) return [];
  const sorted = pieces.length > 1 ? [...pieces].sort((a, b) => a.open - b.open || a.close - b.close) : pieces;
  const intervals: MergedInterval<T>[] = [];
  let current: MergedInterval<T> = { open: sorted[0].open, close: sorted[0].close, pieces: [sorted[0]] };
  for (let i = 1; i < sorted.length; i++) {
    const piece = sorted[i];
    if (piece.open <= current.close) {
      if (piece.close > current.close) current.close = piece.close;
      current.pieces.push(piece);
    } else {
      intervals.push(current);
      current = { open: piece.open, close: piece.close, pieces: [piece] };
    }
  }
  intervals.push(current);
  return intervals;
}

const sameItems = <T>(a: readonly T[], b: readonly T[], bFrom = 0, bTo = b.length): boolean => {
  if (a.length !== bTo - bFrom) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[bFrom + i]) return false;
  return true;
};

/** The layouts of a snapshot's events, interned by the calendars reaching each channel. */
class EventLayouts {
  /** By hash of the calendars reaching each channel (collisions resolved by comparing). */
  private readonly byHash = new Map<number, EventLayout[]>();
  private readonly groupsByHash = new Map<number, CalendarGroup[]>();
  private count = 0;
  /** A period's position in the layout being built (valid when stamp = that layout's number). */
  private readonly stamp: Int32Array;
  private readonly position: Int32Array;

  constructor(
    private readonly channels: readonly ChannelNode[],
    private readonly categoryCount: number,
    periodCount: number,
  ) {
    this.stamp = new Int32Array(periodCount).fill(-1);
    this.position = new Int32Array(periodCount);
  }

  /**
   * `reachingByChannel[c]`: the effective calendars reaching channel c (any order, no
   * duplicate; sorted here; the arrays are the caller's scratch, never kept).
   */
  of(reachingByChannel: CalendarNode[][]): EventLayout {
    let hash = 0x811c9dc5;
    for (let c = 0; c < reachingByChannel.length; c++) {
      const reaching = reachingByChannel[c];
      sortByIdx(reaching);
      for (let i = 0; i < reaching.length; i++) hash = Math.imul(hash ^ (reaching[i].idx + 1), 0x01000193);
      hash = Math.imul(hash ^ 0x7fffffff, 0x01000193);
    }
    let bucket = this.byHash.get(hash);
    if (bucket) {
      for (const layout of bucket) if (layoutHas(layout, reachingByChannel)) return layout;
    } else {
      bucket = [];
      this.byHash.set(hash, bucket);
    }
    const layout = this.build(reachingByChannel);
    bucket.push(layout);
    return layout;
  }

  /** The interned group of these calendars (sorted; copied when new). */
  private group(calendars: CalendarNode[]): CalendarGroup {
    let hash = 0x811c9dc5;
    for (let i = 0; i < calendars.length; i++) hash = Math.imul(hash ^ (calendars[i].idx + 1), 0x01000193);
    let bucket = this.groupsByHash.get(hash);
    if (bucket) {
      for (const group of bucket) if (sameItems(group.calendars, calendars)) return group;
    } else {
      bucket = [];
      this.groupsByHash.set(hash, bucket);
    }
    const copy = calendars.slice();
    const group = { calendars: copy, calendarRefs: copy.map((cal) => cal.ref) };
    bucket.push(group);
    return group;
  }

  /** Channels reached by the same calendars share a group; (group, category) pairs with the same periods share a slot. */
  private build(reachingByChannel: CalendarNode[][]): EventLayout {
    const layoutNumber = this.count++;
    const channelGroup: number[] = [];
    const groups: CalendarGroup[] = [];
    for (const reaching of reachingByChannel) {
      if (reaching.length === 0) {
        channelGroup.push(-1);
        continue;
      }
      let g = 0;
      while (g < groups.length && !sameItems(groups[g].calendars, reaching)) g++;
      if (g === groups.length) groups.push(this.group(reaching));
      channelGroup.push(g);
    }
    const periods: PeriodNode[] = [];
    for (const group of groups) {
      for (const cal of group.calendars) {
        for (const period of cal.periods) {
          if (this.stamp[period.idx] !== layoutNumber) {
            this.stamp[period.idx] = layoutNumber;
            this.position[period.idx] = periods.length;
            periods.push(period);
          }
        }
      }
    }
    const slotOf: number[] = [];
    const slotStart: number[] = [0];
    const slotPeriods: number[] = [];
    for (let g = 0; g < groups.length; g++) {
      for (let a = 0; a < this.categoryCount; a++) {
        // The slot's periods, appended tentatively: kept if new, dropped if an existing slot has them.
        const from = slotPeriods.length;
        for (const cal of groups[g].calendars) for (const p of cal.periods) if (p.categoryIdxs.includes(a)) slotPeriods.push(this.position[p.idx]);
        if (slotPeriods.length === from) {
          slotOf.push(-1);
          continue;
        }
        let slot = 0;
        while (slot < slotStart.length - 1 && !sameRuns(slotPeriods, slotStart[slot], slotStart[slot + 1], from, slotPeriods.length)) slot++;
        if (slot === slotStart.length - 1) slotStart.push(slotPeriods.length);
        else slotPeriods.length = from;
        slotOf.push(slot);
      }
    }
    return { channelGroup, groups, periods, slotOf, slotCount: slotStart.length - 1, slotStart, slotPeriods };
  }
}

/** Sort calendars by idx in place (insertion sort: a few items; Array#sort allocates). */
function sortByIdx(calendars: CalendarNode[]): void {
  for (let i = 1; i < calendars.length; i++) {
    const cal = calendars[i];
    let j = i;
    while (j > 0 && calendars[j - 1].idx > cal.idx) {
      calendars[j] = calendars[j - 1];
      j--;
    }
    calendars[j] = cal;
  }
}

/** Whether `layout` was built for these calendars per channel. */
function layoutHas(layout: EventLayout, reachingByChannel: CalendarNode[][]): boolean {
  for (let c = 0; c < reachingByChannel.length; c++) {
    const g = layout.channelGroup[c];
    const reaching = reachingByChannel[c];
    if (g < 0 ? reaching.length !== 0 : !sameItems(layout.groups[g].calendars, reaching)) return false;
  }
  return true;
}

/** a[aFrom..aTo) and a[bFrom..bTo) hold the same numbers. */
function sameRuns(a: number[], aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let i = 0; i < aTo - aFrom; i++) if (a[aFrom + i] !== a[bFrom + i]) return false;
  return true;
}

/** The period nodes of slot `slot` of an event. */
export function slotPeriodNodes(event: EventNode, slot: number): PeriodNode[] {
  const layout = event.layout;
  const nodes: PeriodNode[] = [];
  for (let i = layout.slotStart[slot]; i < layout.slotStart[slot + 1]; i++) nodes.push(layout.periods[layout.slotPeriods[i]]);
  return nodes;
}

/** The window slot of (event, channel, audience category): -1 when no validated period applies. */
export function windowSlot(snapshot: Snapshot, event: EventNode, channelIdx: number, categoryIdx: number): number {
  const g = event.layout.channelGroup[channelIdx];
  return g < 0 ? -1 : event.layout.slotOf[g * snapshot.audienceCategories.length + categoryIdx];
}

/** Index in `windows.winStart` of the window of slot `slot` of performance `p`. */
export function windowIndex(snapshot: Snapshot, p: number, slot: number): number {
  return snapshot.perf.slotBase[p] + slot;
}

export type WindowPosition = 'open' | 'soon' | 'ended' | 'empty';

export interface WindowLocation<I> {
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
  let i = 0;
  while (i < intervals.length && intervals[i].close <= at) i++;
  if (i === intervals.length) return { position: 'ended', interval: intervals[i - 1] };
  return { position: at >= intervals[i].open ? 'open' : 'soon', interval: intervals[i] };
}

/**
 * The interval of window `w` reported at `at` (flat `locate`): the first one not closed at
 * `at` (current or next), else the last one; -1 when the window is empty.
 */
export function reportedInterval(windows: WindowTable, w: number, at: number): number {
  const from = windows.winStart[w];
  const to = windows.winStart[w + 1];
  if (from === to) return -1;
  let i = from;
  while (i < to && windows.ivClose[i] <= at) i++;
  return i === to ? to - 1 : i;
}

/** The listing index of (channel, category): built on first use, then memoised on the snapshot. */
export function listingIndex(snapshot: Snapshot, channelIdx: number, categoryIdx: number): ListingIndex {
  const key = channelIdx * snapshot.audienceCategories.length + categoryIdx;
  const memo = snapshot.memo.listing;
  const cached = memo[key];
  if (cached) return cached;
  const events = snapshot.events;
  // Per event: its window slot for the pair, -1 when none or when the event or its season is not running.
  const slotOfEvent = new Int32Array(events.length);
  for (let e = 0; e < events.length; e++) {
    slotOfEvent[e] = snapshot.eventTable.running[e] === 1 ? windowSlot(snapshot, events[e], channelIdx, categoryIdx) : -1;
  }
  const t = snapshot.perf;
  const winStart = snapshot.windows.winStart;
  const listable = (p: number): boolean => t.eventIdx[p] >= 0 && slotOfEvent[t.eventIdx[p]] >= 0 && t.state[p] === STATE_RUNNING;
  let count = 0;
  for (let p = 0; p < t.count; p++) {
    if (!listable(p)) continue;
    const w = t.slotBase[p] + slotOfEvent[t.eventIdx[p]];
    count += winStart[w + 1] - winStart[w];
  }
  const perf = new Int32Array(count);
  const event = new Int32Array(count);
  const bounds = new Float64Array(2 * count);
  const { ivOpen, ivClose } = snapshot.windows;
  let k = 0;
  for (let p = 0; p < t.count; p++) {
    if (!listable(p)) continue;
    const e = t.eventIdx[p];
    const w = t.slotBase[p] + slotOfEvent[e];
    // (An unreadable date gives empty windows, hence no entry.)
    for (let iv = winStart[w]; iv < winStart[w + 1]; iv++) {
      perf[k] = p;
      event[k] = e;
      bounds[2 * k] = ivOpen[iv];
      bounds[2 * k + 1] = ivClose[iv];
      k++;
    }
  }
  const suffixMinOpen = new Float64Array(count);
  let min = Number.POSITIVE_INFINITY;
  for (let j = count - 1; j >= 0; j--) {
    if (bounds[2 * j] < min) min = bounds[2 * j];
    suffixMinOpen[j] = min;
  }
  const index: ListingIndex = { perf, event, bounds, suffixMinOpen, items: null, matches: null };
  memo[key] = index;
  return index;
}
