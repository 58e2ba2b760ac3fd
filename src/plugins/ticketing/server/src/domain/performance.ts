/**
 * Questions about dated performances (sales-rules.md §1): status, matrix, listing, windows.
 * Each rule has one implementation below (catalogueGate, profileAdmitsContext,
 * profileCoversPerformance, windowSlot + locate/currentOrNext); the listing calls the same functions as
 * performanceStatus, only without collecting reasons.
 */
import type { Id } from './model';
import { reasons, type ObjectRef, type Reason } from './explain';
import { NO_PROVENANCE, localTime, periodsOf, provenanceOfPiece, type PeriodProvenance, type SaleAnswer, type SaleStatus } from './answer';
import { organizationGate, organizationRef, resolveContext, resolveContextMemo, type SalesContext, type SalesContextQuery } from './context';
import {
  closeIso,
  currentOrNext,
  locate,
  openIso,
  windowSlot,
  type ActivityProfileNode,
  type PerformanceNode,
  type SaleInterval,
  type Snapshot,
  type TariffTypeNode,
} from './snapshot';
import { requireInstant, toIso, type InstantInput } from './time';

export interface PerformanceQuery extends SalesContextQuery {
  performanceId: Id;
  seatCategoryId?: Id;
  tariffTypeId?: Id;
  at: InstantInput;
}

// ---------------------------------------------------------------------------------------
// Catalogue gate (§1.1)

/**
 * Result of the catalogue gate: 'suspended' (some of season/event/performance suspended,
 * none closed or cancelled…) is told apart because it gives TEMPORARILY_UNAVAILABLE.
 */
export type Gate = 'open' | 'suspended' | 'closed';

/**
 * Season, event and performance states, plus the organisation conditions of the context.
 * Performance-independent context failures (unknown ids, inactive channel) are in ctx.reasons.
 */
export function catalogueGate(snapshot: Snapshot, perf: PerformanceNode, ctx: SalesContext, out: Reason[] | null): Gate {
  let suspended = false;
  let closed = ctx.blocked;
  const event = perf.eventIdx >= 0 ? snapshot.events[perf.eventIdx] : null;
  const season = event && event.seasonIdx >= 0 ? snapshot.seasons[event.seasonIdx] : null;
  if (!season) {
    if (!out) return 'closed';
    closed = true;
    out.push(event ? reasons.unknown('UNKNOWN_SEASON', 'season', snapshot.config.events[event.idx].seasonId, 'La saison', 'season')
      : reasons.unknown('UNKNOWN_EVENT', 'event', '?', "L'événement", 'event'));
  } else if (season.state === 'suspended') {
    suspended = true;
    out?.push(reasons.seasonSuspended(season.ref));
  } else if (season.state !== 'running') {
    if (!out) return 'closed';
    closed = true;
    out.push(reasons.seasonNotRunning(season.ref, season.state));
  }
  if (event) {
    if (event.state === 'suspended') {
      suspended = true;
      out?.push(reasons.eventSuspended(event.ref));
    } else if (event.state !== 'running') {
      if (!out) return 'closed';
      closed = true;
      out.push(reasons.eventNotRunning(event.ref, event.state));
    }
  }
  if (perf.state === 'suspended') {
    suspended = true;
    out?.push(reasons.performanceSuspended(perf.ref));
  } else if (perf.state !== 'running') {
    if (!out) return 'closed';
    closed = true;
    out.push(reasons.performanceNotRunning(perf.ref, perf.state));
  }
  if (Number.isNaN(perf.startsAt)) {
    if (!out) return 'closed';
    closed = true;
    out.push(reasons.invalidPerformanceDate(perf.ref));
  }
  if (!organizationGate(snapshot, ctx, event ? event.orgIdx : -1, season, out)) {
    if (!out) return 'closed';
    closed = true;
  }
  // Suspension wins over channel/profile/window failures (§1.1), but a closed or cancelled
  // catalogue object is not "temporarily" unavailable: resuming would not make it sellable.
  const catalogueClosed = (season !== null && season.state !== 'running' && season.state !== 'suspended')
    || (event !== null && event.state !== 'running' && event.state !== 'suspended')
    || (perf.state !== 'running' && perf.state !== 'suspended');
  if (suspended && !catalogueClosed && !ctx.unknown) return 'suspended';
  return closed || suspended ? 'closed' : 'open';
}

// ---------------------------------------------------------------------------------------
// Activity profiles (§1.3)

/** The conditions of a profile that do not depend on the performance: buyer kind, subcategory, seat category, tariff type asked. */
export function profileAdmitsContext(profile: ActivityProfileNode, ctx: SalesContext, out: Reason[] | null): boolean {
  let ok = true;
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
  if (!profile.allSeatCategories) {
    // Not asked: at least one seat category.
    const seat = ctx.seatCategory;
    if (seat === undefined ? profile.seatCategories.size === 0 : seat !== null && !profile.seatCategories.has(seat.idx)) {
      if (!out) return false;
      ok = false;
      out.push(reasons.seatCategoryNotInProfile(profile.ref, seat ? seat.ref : null));
    }
  }
  if (!profile.allTariffTypes && ctx.tariffType && !profile.tariffTypes.has(ctx.tariffType.idx)) {
    if (!out) return false;
    ok = false;
    out.push(reasons.tariffTypeNotInProfile(profile.ref, ctx.tariffType.ref));
  }
  return ok;
}

/**
 * The conditions that depend on the performance: event / performance selection (already
 * restricted to the profile's organisation at compile time) and, when no tariff type is
 * asked, at least one selected tariff type of the performance's season.
 */
export function profileCoversPerformance(
  snapshot: Snapshot,
  profile: ActivityProfileNode,
  perf: PerformanceNode,
  tariffType: TariffTypeNode | null | undefined,
  out: Reason[] | null,
): boolean {
  let ok = true;
  const match = perf.eventIdx >= 0 ? profile.eventMatch[perf.eventIdx] : 0;
  if (match === 0) {
    if (!out) return false;
    ok = false;
    if (perf.eventIdx >= 0) out.push(reasons.eventNotInProfile(profile.ref, snapshot.events[perf.eventIdx].ref));
  } else if (match === 2 && !profile.performanceSelections.get(perf.eventIdx)!.has(perf.idx)) {
    if (!out) return false;
    ok = false;
    out.push(reasons.performanceNotInProfile(profile.ref, perf.ref));
  }
  if (tariffType === undefined && !profile.allTariffTypes) {
    const seasonIdx = perf.eventIdx >= 0 ? snapshot.events[perf.eventIdx].seasonIdx : -1;
    if (seasonIdx < 0 || profile.tariffSeasons[seasonIdx] === 0) {
      if (!out) return false;
      ok = false;
      out.push(reasons.tariffTypeNotInProfile(profile.ref, null));
    }
  }
  return ok;
}

export function profileGrants(snapshot: Snapshot, profile: ActivityProfileNode, perf: PerformanceNode, ctx: SalesContext): boolean {
  return profileAdmitsContext(profile, ctx, null) && profileCoversPerformance(snapshot, profile, perf, ctx.tariffType, null);
}

function organizationOf(snapshot: Snapshot, perf: PerformanceNode): number {
  return perf.eventIdx >= 0 ? snapshot.events[perf.eventIdx].orgIdx : -1;
}

/**
 * The validated profiles granting the question. With `out`, when none grants, explains why:
 * - no validated profile of the organisation on the channel → NO_VALIDATED_ACTIVITY_PROFILE;
 * - otherwise every failing condition of every profile on the channel, each naming its profile;
 * - and, either way, CHANNEL_NOT_IN_PROFILE for each profile that would grant but on other channels.
 */
export function grantingProfiles(snapshot: Snapshot, perf: PerformanceNode, ctx: SalesContext, out: Reason[] | null): ActivityProfileNode[] {
  const channel = ctx.channel;
  if (!channel) return [];
  const orgIdx = organizationOf(snapshot, perf);
  const granting: ActivityProfileNode[] = [];
  const onChannel = snapshot.activityProfilesByChannel[channel.idx];
  let onChannelOfOrg = 0;
  for (const profile of onChannel) {
    if (profile.orgIdx !== orgIdx) continue;
    onChannelOfOrg++;
    if (profileGrants(snapshot, profile, perf, ctx)) granting.push(profile);
  }
  if (granting.length > 0 || !out) return granting;

  if (onChannelOfOrg === 0) {
    out.push(reasons.noValidatedActivityProfile(channel.ref, organizationRef(snapshot, orgIdx)));
  } else {
    for (const profile of onChannel) {
      if (profile.orgIdx !== orgIdx) continue;
      profileAdmitsContext(profile, ctx, out);
      profileCoversPerformance(snapshot, profile, perf, ctx.tariffType, out);
    }
  }
  for (const profile of snapshot.activityProfiles) {
    if (profile.effective && profile.orgIdx === orgIdx && profile.channels[channel.idx] === 0 && profileGrants(snapshot, profile, perf, ctx)) {
      out.push(reasons.channelNotInProfile(profile.ref, channel.ref));
    }
  }
  return granting;
}

// ---------------------------------------------------------------------------------------
// The answer (§1.4)

export interface PerformanceAnswer extends SaleAnswer {
  performance: ObjectRef | null;
}

/** performanceStatus on an already-resolved context (the matrix resolves it once per cell). */
export function evaluatePerformance(snapshot: Snapshot, perf: PerformanceNode, ctx: SalesContext, at: number): PerformanceAnswer {
  const out: Reason[] = ctx.reasons.length === 0 ? [] : ctx.reasons.slice();
  const gate = catalogueGate(snapshot, perf, ctx, out);

  let interval: SaleInterval | null = null;
  let windowStatus: SaleStatus = 'NOT_ON_SALE';
  if (ctx.evaluable && perf.eventIdx >= 0) {
    const channel = ctx.channel!;
    const category = snapshot.audienceCategories[ctx.subcategory!.categoryIdx];
    const event = snapshot.events[perf.eventIdx];
    const group = event.channelGroup[channel.idx];
    const slot = windowSlot(snapshot, event, channel.idx, category.idx);
    if (group < 0) {
      out.push(reasons.noValidatedCalendar(event.ref, channel.ref));
    } else if (slot < 0) {
      out.push(reasons.noPeriodForCategory(category.ref, event.groups[group].calendarRefs));
    } else {
      const location = locate(perf.windows[slot], at);
      interval = location.interval;
      switch (location.position) {
        case 'open':
          windowStatus = 'ON_SALE';
          break;
        case 'soon':
          windowStatus = 'SOON_ON_SALE';
          out.push(reasons.notYetOpen(() => localTime(snapshot, location.interval!.open)));
          break;
        case 'ended':
          windowStatus = 'SALES_ENDED';
          out.push(reasons.closed(() => localTime(snapshot, location.interval!.close)));
          break;
        case 'empty':
          out.push(reasons.emptyWindow(perf.ref, event.slots[slot].periods.map((p) => p.ref)));
          break;
      }
    }
  }
  if (at >= perf.overAt) out.push(reasons.performanceOver(perf.ref));

  const granting = ctx.evaluable ? grantingProfiles(snapshot, perf, ctx, out) : [];
  let status: SaleStatus;
  if (gate === 'suspended') status = 'TEMPORARILY_UNAVAILABLE';
  else if (gate === 'closed' || granting.length === 0) status = 'NOT_ON_SALE';
  else status = windowStatus;

  return {
    performance: perf.ref,
    status,
    opensAt: interval ? openIso(interval) : null,
    closesAt: interval ? closeIso(interval) : null,
    provenance: interval || granting.length > 0
      ? { periods: periodsOf(interval), profiles: granting.map((p) => p.ref) }
      : NO_PROVENANCE,
    reasons: out,
  };
}

function unknownPerformance(id: Id, ctx: SalesContext): PerformanceAnswer {
  return {
    performance: null,
    status: 'NOT_ON_SALE',
    opensAt: null,
    closesAt: null,
    provenance: NO_PROVENANCE,
    reasons: [reasons.unknown('UNKNOWN_PERFORMANCE', 'performance', id, 'La séance', 'performance'), ...ctx.reasons],
  };
}

/** May this performance be sold in this context at `at`, and if not, why? (§1.4) */
export function performanceStatus(snapshot: Snapshot, query: PerformanceQuery): PerformanceAnswer {
  const at = requireInstant(query.at);
  const ctx = resolveContextMemo(snapshot, query);
  const perf = snapshot.index.performance.get(query.performanceId);
  return perf ? evaluatePerformance(snapshot, perf, ctx, at) : unknownPerformance(query.performanceId, ctx);
}

export interface MatrixQuery extends SalesContextQuery {
  performanceId: Id;
  at: InstantInput;
}

export interface PerformanceMatrix {
  performance: ObjectRef | null;
  seatCategories: ObjectRef[];
  tariffTypes: ObjectRef[];
  /** cells[i][j]: seat category i × tariff type j. */
  cells: PerformanceAnswer[][];
}

/** performanceStatus for every seat category of the institution × tariff type of the event's season. */
export function performanceMatrix(snapshot: Snapshot, query: MatrixQuery): PerformanceMatrix {
  const perf = snapshot.index.performance.get(query.performanceId);
  const seasonIdx = perf && perf.eventIdx >= 0 ? snapshot.events[perf.eventIdx].seasonIdx : -1;
  const tariffTypes = seasonIdx >= 0 ? snapshot.seasons[seasonIdx].tariffTypeIdxs.map((t) => snapshot.tariffTypes[t]) : [];
  const cells = snapshot.seatCategories.map((seat) =>
    tariffTypes.map((tariff) => performanceStatus(snapshot, { ...query, seatCategoryId: seat.ref.id, tariffTypeId: tariff.ref.id })),
  );
  return {
    performance: perf ? perf.ref : null,
    seatCategories: snapshot.seatCategories.map((k) => k.ref),
    tariffTypes: tariffTypes.map((t) => t.ref),
    cells,
  };
}

// ---------------------------------------------------------------------------------------
// Listing (hot path)

export interface ListQuery extends SalesContextQuery {
  at: InstantInput;
  /** Also list SOON_ON_SALE performances. */
  includeSoon?: boolean;
  seasonId?: Id;
  eventId?: Id;
  /** Performances starting in [from, to). */
  from?: InstantInput;
  to?: InstantInput;
}

export interface ListedPerformance {
  performance: ObjectRef;
  event: ObjectRef;
  startsAt: string;
  status: 'ON_SALE' | 'SOON_ON_SALE';
  opensAt: string;
  closesAt: string;
}

/** First index i in [lo, hi) with values[i] > x (values non-decreasing). */
function firstAbove(values: Float64Array, x: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
/** First index i with values[i] >= x. */
function firstAtLeast(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Performances ON_SALE (and SOON_ON_SALE when asked) in a context at `at`, sorted by
 * startsAt. Equals filtering performanceStatus over every performance (property-tested):
 * it applies the same gate, profile and window functions, skipping only what cannot match:
 * performances already over at `at` (a binary search on the running max of their ends),
 * and profiles that fail the performance-independent conditions.
 */
export function listOnSale(snapshot: Snapshot, query: ListQuery): ListedPerformance[] {
  const at = requireInstant(query.at);
  const ctx = resolveContext(snapshot, query);
  if (ctx.blocked || !ctx.evaluable) return [];
  const channelIdx = ctx.channel!.idx;
  const categoryIdx = ctx.subcategory!.categoryIdx;
  const profiles = snapshot.activityProfilesByChannel[channelIdx].filter((p) => profileAdmitsContext(p, ctx, null));
  if (profiles.length === 0) return [];
  const season = query.seasonId != null ? snapshot.index.season.get(query.seasonId) : undefined;
  const event = query.eventId != null ? snapshot.index.event.get(query.eventId) : undefined;
  if ((query.seasonId != null && !season) || (query.eventId != null && !event)) return [];

  let lo = firstAbove(snapshot.prefixMaxOverAt, at);
  let hi = snapshot.performances.length;
  if (query.from != null) lo = Math.max(lo, firstAtLeast(snapshot.startsAtSorted, requireInstant(query.from, 'from')));
  if (query.to != null) hi = Math.min(hi, firstAtLeast(snapshot.startsAtSorted, requireInstant(query.to, 'to')));

  const result: ListedPerformance[] = [];
  const includeSoon = query.includeSoon === true;
  for (let i = lo; i < hi; i++) {
    const perf = snapshot.performances[i];
    if (perf.overAt <= at || perf.eventIdx < 0) continue;
    const perfEvent = snapshot.events[perf.eventIdx];
    if (event && perfEvent !== event) continue;
    if (season && perfEvent.seasonIdx !== season.idx) continue;
    const slot = windowSlot(snapshot, perfEvent, channelIdx, categoryIdx);
    if (slot < 0) continue;
    // locate() without allocating: the current or next interval, open or not yet.
    const intervals = perf.windows[slot];
    const k = currentOrNext(intervals, at);
    if (k === intervals.length) continue;
    const interval = intervals[k];
    const open = at >= interval.open;
    if (!open && !includeSoon) continue;
    if (catalogueGate(snapshot, perf, ctx, null) !== 'open') continue;
    let granted = false;
    for (let j = 0; j < profiles.length && !granted; j++) {
      const profile = profiles[j];
      granted = profile.orgIdx === perfEvent.orgIdx && profileCoversPerformance(snapshot, profile, perf, ctx.tariffType, null);
    }
    if (!granted) continue;
    result.push({
      performance: perf.ref,
      event: perfEvent.ref,
      startsAt: perf.startsAtIso!,
      status: open ? 'ON_SALE' : 'SOON_ON_SALE',
      opensAt: openIso(interval),
      closesAt: closeIso(interval),
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// Sale windows (admin timeline)

export interface WindowsQuery {
  performanceId?: Id;
  eventId?: Id;
  /** When given, each interval says whether it is past, current or future. */
  at?: InstantInput;
}

export interface TimelineInterval {
  opensAt: string;
  closesAt: string;
  position?: 'past' | 'current' | 'future';
  periods: readonly PeriodProvenance[];
}

export interface ChannelCategoryWindow {
  channel: ObjectRef;
  audienceCategory: ObjectRef;
  /** Validated calendars reaching this channel for the event. */
  calendars: ObjectRef[];
  /** Periods of those calendars for this audience category (including those giving no interval). */
  periods: ObjectRef[];
  intervals: TimelineInterval[];
  /** The pieces the periods give, before the union (for a detailed timeline). */
  pieces: readonly PeriodProvenance[];
  /** Some validated profile grants this performance on this channel (for some buyer kind / audience). */
  granted: boolean;
  /** Those profiles, with their buyer kind. */
  profiles: { profile: ObjectRef; buyerKind: string }[];
}

export interface PerformanceWindows {
  performance: ObjectRef;
  event: ObjectRef;
  state: string;
  startsAt: string | null;
  /** When sales must stop at the latest (endsAt, else local midnight after the start). */
  overAt: string | null;
  windows: ChannelCategoryWindow[];
}

/** Per performance, per channel × audience category: the intervals with their provenance, and the granting profiles. */
export function saleWindows(snapshot: Snapshot, query: WindowsQuery): PerformanceWindows[] {
  const at = query.at != null ? requireInstant(query.at) : null;
  let perfs: PerformanceNode[] = [];
  if (query.performanceId != null) {
    const perf = snapshot.index.performance.get(query.performanceId);
    if (perf) perfs = [perf];
  } else if (query.eventId != null) {
    const event = snapshot.index.event.get(query.eventId);
    if (event) perfs = event.performanceIdxs.map((i) => snapshot.performances[i]);
  }
  return perfs.filter((perf) => perf.eventIdx >= 0).map((perf) => {
    const event = snapshot.events[perf.eventIdx];
    const orgIdx = event.orgIdx;
    const windows: ChannelCategoryWindow[] = [];
    for (const channel of snapshot.channels) {
      const profiles = snapshot.activityProfilesByChannel[channel.idx]
        .filter((p) => p.orgIdx === orgIdx && profileCoversPerformance(snapshot, p, perf, undefined, null))
        .map((p) => ({ profile: p.ref, buyerKind: p.buyerKind }));
      const group = event.channelGroup[channel.idx];
      for (const category of snapshot.audienceCategories) {
        const slot = windowSlot(snapshot, event, channel.idx, category.idx);
        if (slot < 0 && profiles.length === 0) continue;
        const window = slot < 0 ? [] : perf.windows[slot];
        const intervals = window.map((interval): TimelineInterval => {
          const item: TimelineInterval = { opensAt: openIso(interval), closesAt: closeIso(interval), periods: periodsOf(interval) };
          if (at !== null) item.position = at >= interval.close ? 'past' : at >= interval.open ? 'current' : 'future';
          return item;
        });
        windows.push({
          channel: channel.ref,
          audienceCategory: category.ref,
          calendars: group >= 0 ? event.groups[group].calendarRefs : [],
          periods: slot < 0 ? [] : event.slots[slot].periods.map((p) => p.ref),
          intervals,
          pieces: window.flatMap((i) => i.pieces).map(provenanceOfPiece),
          granted: profiles.length > 0,
          profiles,
        });
      }
    }
    return {
      performance: perf.ref,
      event: event.ref,
      state: perf.state,
      startsAt: perf.startsAtIso,
      overAt: Number.isNaN(perf.overAt) ? null : toIso(perf.overAt),
      windows,
    };
  });
}
