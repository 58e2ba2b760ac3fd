/**
 * Questions about dated performances (docs/sales-rules.md §1): status, matrix, listing, windows.
 * Each rule has one implementation below (catalogueGate, profileAdmitsContext,
 * profileCoversPerformance, windowSlot + reportedInterval); the listing calls the same
 * functions as performanceStatus, only without collecting reasons.
 *
 * Performances are numbers here (their idx in the snapshot's performance table).
 */
import type { Id } from './model';
import { orderReasons, reasons, type ObjectRef, type Reason } from './explain';
import { EMPTY, NO_PROVENANCE, periodsOf, provenanceOfPiece, windowStatusAt, type PeriodProvenance, type SaleAnswer, type SaleStatus } from './answer';
import { organizationGate, resolveContext, resolveContextMemo, type ContextProfiles, type SalesContext, type SalesContextQuery } from './context';
import { sharedReasons } from './reason-memo';
import {
  STATE_RUNNING,
  STATE_SUSPENDED,
  closeIso,
  denseArray,
  openIso,
  performanceRef,
  performanceState,
  reportedInterval,
  slotPeriodNodes,
  startsAtIso,
  windowSlot,
  type ActivityProfileNode,
  listingIndex,
  type ListingIndex,
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
 * Season, event and performance `p` states, plus the organisation conditions of the context.
 * Performance-independent context failures (unknown ids, inactive channel) are in ctx.reasons.
 */
export function catalogueGate(snapshot: Snapshot, p: number, ctx: SalesContext, out: Reason[] | null): Gate {
  let suspended = false;
  let closed = ctx.blocked;
  const t = snapshot.perf;
  const e = t.eventIdx[p];
  const event = e >= 0 ? snapshot.events[e] : null;
  const season = event && event.seasonIdx >= 0 ? snapshot.seasons[event.seasonIdx] : null;
  if (!season) {
    if (!out) return 'closed';
    closed = true;
    out.push(
      event ? reasons.unknown('UNKNOWN_SEASON', 'season', snapshot.config.events[event.idx].seasonId, 'La saison', 'season') : reasons.unknown('UNKNOWN_EVENT', 'event', '?', "L'événement", 'event'),
    );
  } else if (season.state === 'suspended') {
    suspended = true;
    out?.push(sharedReasons.seasonSuspended(snapshot, season));
  } else if (season.state !== 'running') {
    if (!out) return 'closed';
    closed = true;
    out.push(sharedReasons.seasonNotRunning(snapshot, season));
  }
  if (event) {
    if (event.state === 'suspended') {
      suspended = true;
      out?.push(sharedReasons.eventSuspended(snapshot, event));
    } else if (event.state !== 'running') {
      if (!out) return 'closed';
      closed = true;
      out.push(sharedReasons.eventNotRunning(snapshot, event));
    }
  }
  const state = t.state[p];
  if (state === STATE_SUSPENDED) {
    suspended = true;
    out?.push(sharedReasons.performanceSuspended(snapshot, p));
  } else if (state !== STATE_RUNNING) {
    if (!out) return 'closed';
    closed = true;
    out.push(sharedReasons.performanceNotRunning(snapshot, p));
  }
  if (Number.isNaN(t.startsAt[p])) {
    if (!out) return 'closed';
    closed = true;
    out.push(sharedReasons.invalidPerformanceDate(snapshot, p));
  }
  if (!organizationGate(snapshot, ctx, event ? event.orgIdx : -1, season, out)) {
    if (!out) return 'closed';
    closed = true;
  }
  // Suspension wins over channel/profile/window failures (§1.1), but a closed or cancelled
  // catalogue object is not "temporarily" unavailable: resuming would not make it sellable.
  const catalogueClosed =
    (season !== null && season.state !== 'running' && season.state !== 'suspended') ||
    (event !== null && event.state !== 'running' && event.state !== 'suspended') ||
    (state !== STATE_RUNNING && state !== STATE_SUSPENDED);
  if (suspended && !catalogueClosed && !ctx.unknown) return 'suspended';
  return closed || suspended ? 'closed' : 'open';
}

// ---------------------------------------------------------------------------------------
// Activity profiles (§1.3)

/** The conditions of a profile that do not depend on the performance: buyer kind, subcategory, seat category, tariff type asked. */
export function profileAdmitsContext(snapshot: Snapshot, profile: ActivityProfileNode, ctx: SalesContext, out: Reason[] | null): boolean {
  let ok = true;
  if (profile.buyerKind !== ctx.buyerKind) {
    if (!out) return false;
    ok = false;
    out.push(sharedReasons.buyerKindMismatch(snapshot, profile, ctx.buyerKind));
  }
  if (ctx.subcategory && !profile.allSubcategories && !profile.subcategories.has(ctx.subcategory.idx)) {
    if (!out) return false;
    ok = false;
    out.push(sharedReasons.subcategoryNotInProfile(snapshot, profile, ctx.subcategory));
  }
  if (!profile.allSeatCategories) {
    // Not asked: at least one seat category.
    const seat = ctx.seatCategory;
    if (seat === undefined ? profile.seatCategories.size === 0 : seat !== null && !profile.seatCategories.has(seat.idx)) {
      if (!out) return false;
      ok = false;
      out.push(sharedReasons.seatCategoryNotInProfile(snapshot, profile, seat ?? null));
    }
  }
  if (!profile.allTariffTypes && ctx.tariffType && !profile.tariffTypes.has(ctx.tariffType.idx)) {
    if (!out) return false;
    ok = false;
    out.push(sharedReasons.tariffTypeNotInProfile(snapshot, profile, ctx.tariffType));
  }
  return ok;
}

/**
 * The conditions that depend on performance `p`: event / performance selection (already
 * restricted to the profile's organisation at compile time) and, when no tariff type is
 * asked, at least one selected tariff type of the performance's season.
 */
export function profileCoversPerformance(snapshot: Snapshot, profile: ActivityProfileNode, p: number, tariffType: TariffTypeNode | null | undefined, out: Reason[] | null): boolean {
  let ok = true;
  const e = snapshot.perf.eventIdx[p];
  const match = e >= 0 ? profile.eventMatch[e] : 0;
  if (match === 0) {
    if (!out) return false;
    ok = false;
    if (e >= 0) out.push(sharedReasons.eventNotInProfile(snapshot, profile, snapshot.events[e]));
  } else if (match === 2 && !profile.performanceSelections.get(e)!.has(p)) {
    if (!out) return false;
    ok = false;
    out.push(sharedReasons.performanceNotInProfile(snapshot, profile, p));
  }
  if (tariffType === undefined && !profile.allTariffTypes) {
    const seasonIdx = e >= 0 ? snapshot.events[e].seasonIdx : -1;
    if (seasonIdx < 0 || profile.tariffSeasons[seasonIdx] === 0) {
      if (!out) return false;
      ok = false;
      out.push(sharedReasons.tariffTypeNotInProfile(snapshot, profile, null));
    }
  }
  return ok;
}

export function profileGrants(snapshot: Snapshot, profile: ActivityProfileNode, p: number, ctx: SalesContext): boolean {
  return profileAdmitsContext(snapshot, profile, ctx, null) && profileCoversPerformance(snapshot, profile, p, ctx.tariffType, null);
}

/** Bit masks over a channel's profiles only go this far (beyond, lists are built per answer). */
const MAX_MASK_PROFILES = 30;

/** The profiles of the context's channel admitting it: computed once per context (contexts are memoised). */
function contextProfiles(snapshot: Snapshot, ctx: SalesContext): ContextProfiles {
  if (ctx.profiles) return ctx.profiles;
  const onChannel = snapshot.activityProfilesByChannel[ctx.channel!.idx];
  const admitting: ActivityProfileNode[] = [];
  const bits: number[] = [];
  const small = onChannel.length <= MAX_MASK_PROFILES;
  onChannel.forEach((profile, position) => {
    if (!profileAdmitsContext(snapshot, profile, ctx, null)) return;
    admitting.push(profile);
    if (small) bits.push(1 << position);
  });
  ctx.profiles = { onChannel, admitting, bits };
  return ctx.profiles;
}

/**
 * The refs of the validated profiles granting `p` in this context (channel known), in the
 * order of `activityProfilesByChannel`: a frozen list shared by the answers with the same
 * granting set (EMPTY when none grants).
 */
function grantingRefs(snapshot: Snapshot, p: number, ctx: SalesContext): readonly ObjectRef[] {
  const cp = contextProfiles(snapshot, ctx);
  const admitting = cp.admitting;
  if (admitting.length === 0) return EMPTY;
  const e = snapshot.perf.eventIdx[p];
  const orgIdx = e >= 0 ? snapshot.events[e].orgIdx : -1;
  if (cp.bits.length === 0) {
    const refs: ObjectRef[] = [];
    for (const profile of admitting) {
      if (profile.orgIdx === orgIdx && profileCoversPerformance(snapshot, profile, p, ctx.tariffType, null)) refs.push(profile.ref);
    }
    return refs.length === 0 ? EMPTY : Object.freeze(refs);
  }
  let mask = 0;
  for (let j = 0; j < admitting.length; j++) {
    const profile = admitting[j];
    if (profile.orgIdx === orgIdx && profileCoversPerformance(snapshot, profile, p, ctx.tariffType, null)) mask |= cp.bits[j];
  }
  if (mask === 0) return EMPTY;
  const memo = snapshot.memo.profileRefs[ctx.channel!.idx];
  let refs = memo.get(mask);
  if (refs === undefined) {
    refs = Object.freeze(cp.onChannel.filter((_, position) => (mask & (1 << position)) !== 0).map((profile) => profile.ref));
    memo.set(mask, refs);
  }
  return refs;
}

/**
 * Why no validated profile grants `p` (§1.3):
 * - no validated profile of the organisation on the channel → NO_VALIDATED_ACTIVITY_PROFILE;
 * - otherwise every failing condition of every profile on the channel, each naming its profile;
 * - and, either way, CHANNEL_NOT_IN_PROFILE for each profile that would grant but on other channels.
 */
function explainNoProfile(snapshot: Snapshot, p: number, ctx: SalesContext, out: Reason[]): void {
  const channel = ctx.channel!;
  const e = snapshot.perf.eventIdx[p];
  const orgIdx = e >= 0 ? snapshot.events[e].orgIdx : -1;
  const onChannel = snapshot.activityProfilesByChannel[channel.idx];
  let onChannelOfOrg = 0;
  for (const profile of onChannel) if (profile.orgIdx === orgIdx) onChannelOfOrg++;
  if (onChannelOfOrg === 0) {
    out.push(sharedReasons.noValidatedActivityProfile(snapshot, channel, orgIdx));
  } else {
    for (const profile of onChannel) {
      if (profile.orgIdx !== orgIdx) continue;
      profileAdmitsContext(snapshot, profile, ctx, out);
      profileCoversPerformance(snapshot, profile, p, ctx.tariffType, out);
    }
  }
  for (const profile of snapshot.activityProfiles) {
    if (profile.effective && profile.orgIdx === orgIdx && profile.channels[channel.idx] === 0 && profileGrants(snapshot, profile, p, ctx)) {
      out.push(sharedReasons.channelNotInProfile(snapshot, profile, channel));
    }
  }
}

// ---------------------------------------------------------------------------------------
// The answer (§1.4)

export interface PerformanceAnswer extends SaleAnswer {
  performance: ObjectRef | null;
}

/**
 * Where (p, ctx) reads its window at `at`, written into LOCATION (no allocation on the hot
 * paths): the channel group of the event's layout, the slot of the category in it, the window
 * in the flat tables and its reported interval; -1 where there is none.
 */
const LOCATION = new Int32Array(4);
const GROUP = 0;
const SLOT = 1;
const WINDOW = 2;
const INTERVAL = 3;
function locate(snapshot: Snapshot, p: number, ctx: SalesContext, at: number): Int32Array {
  LOCATION.fill(-1);
  const e = snapshot.perf.eventIdx[p];
  if (!ctx.evaluable || e < 0) return LOCATION;
  const event = snapshot.events[e];
  const group = (LOCATION[GROUP] = event.layout.channelGroup[ctx.channel!.idx]);
  if (group < 0) return LOCATION;
  const slot = (LOCATION[SLOT] = event.layout.slotOf[group * snapshot.audienceCategories.length + ctx.subcategory!.categoryIdx]);
  if (slot < 0) return LOCATION;
  const window = (LOCATION[WINDOW] = snapshot.perf.slotBase[p] + slot);
  LOCATION[INTERVAL] = reportedInterval(snapshot.windows, window, at);
  return LOCATION;
}

/**
 * The window's part of the answer (§1.2): SOON_ON_SALE, ON_SALE, SALES_ENDED or NOT_ON_SALE
 * (no window), with its reason pushed to `out` when reasons are collected.
 */
function windowStatusOf(snapshot: Snapshot, p: number, ctx: SalesContext, at: number, group: number, slot: number, window: number, iv: number, out: Reason[] | null): SaleStatus {
  const e = snapshot.perf.eventIdx[p];
  if (!ctx.evaluable || e < 0) return 'NOT_ON_SALE';
  const w = snapshot.windows;
  const event = snapshot.events[e];
  if (group < 0) {
    out?.push(sharedReasons.noValidatedCalendar(snapshot, event, ctx.channel!));
  } else if (slot < 0) {
    out?.push(sharedReasons.noPeriodForCategory(snapshot, event, group, snapshot.audienceCategories[ctx.subcategory!.categoryIdx]));
  } else if (iv < 0) {
    out?.push(sharedReasons.emptyWindow(snapshot, p, window, event, slot));
  } else {
    const status = windowStatusAt(w.ivOpen[iv], w.ivClose[iv], at);
    if (status === 'SOON_ON_SALE') out?.push(sharedReasons.notYetOpen(snapshot, w.ivOpen[iv]));
    else if (status === 'SALES_ENDED') out?.push(sharedReasons.closed(snapshot, w.ivClose[iv]));
    return status;
  }
  return 'NOT_ON_SALE';
}

/** The status from its three parts (§1.4): the gate first, then the profiles, then the window. */
function combinedStatus(gate: Gate, granted: boolean, windowStatus: SaleStatus): SaleStatus {
  if (gate === 'suspended') return 'TEMPORARILY_UNAVAILABLE';
  if (gate === 'closed' || !granted) return 'NOT_ON_SALE';
  return windowStatus;
}

/** performanceStatus on an already-resolved context. */
export function evaluatePerformance(snapshot: Snapshot, p: number, ctx: SalesContext, at: number): PerformanceAnswer {
  const location = locate(snapshot, p, ctx, at);
  const group = location[GROUP];
  const slot = location[SLOT];
  const window = location[WINDOW];
  const iv = location[INTERVAL];
  // ON_SALE (the most frequent answer) has no reason to build: decide it first.
  if (iv >= 0 && at >= snapshot.windows.ivOpen[iv] && at < snapshot.windows.ivClose[iv] && !ctx.blocked && catalogueGate(snapshot, p, ctx, null) === 'open') {
    const profiles = grantingRefs(snapshot, p, ctx);
    if (profiles.length > 0) {
      return {
        performance: performanceRef(snapshot, p),
        status: 'ON_SALE',
        opensAt: openIso(snapshot, iv),
        closesAt: closeIso(snapshot, iv),
        provenance: { periods: periodsOf(snapshot, p, iv), profiles },
        reasons: [],
      };
    }
  }
  return explainPerformance(snapshot, p, ctx, at, group, slot, window, iv);
}

/** Reasons collected and dropped by evaluateStatus (the gate's answer without `out` stops at the first closure). */
const DISCARDED: Reason[] = [];

/** The status evaluatePerformance gives, without its answer (no reasons kept, no provenance, no strings). */
export function evaluateStatus(snapshot: Snapshot, p: number, ctx: SalesContext, at: number): SaleStatus {
  const location = locate(snapshot, p, ctx, at);
  // With `out`, the gate tells a suspension from a closure as the full answer does.
  const gate = catalogueGate(snapshot, p, ctx, DISCARDED);
  DISCARDED.length = 0;
  const windowStatus = windowStatusOf(snapshot, p, ctx, at, location[GROUP], location[SLOT], location[WINDOW], location[INTERVAL], null);
  const granted = ctx.evaluable && grantingRefs(snapshot, p, ctx).length > 0;
  return combinedStatus(gate, granted, windowStatus);
}

/** Every other answer, with all its reasons (found in the order gate, window, profiles; listed in REASON_RANK order). */
function explainPerformance(snapshot: Snapshot, p: number, ctx: SalesContext, at: number, group: number, slot: number, window: number, iv: number): PerformanceAnswer {
  const out: Reason[] = ctx.reasons.length === 0 ? [] : ctx.reasons.slice();
  const gate = catalogueGate(snapshot, p, ctx, out);
  const windowStatus = windowStatusOf(snapshot, p, ctx, at, group, slot, window, iv, out);
  if (at >= snapshot.perf.overAt[p]) out.push(sharedReasons.performanceOver(snapshot, p));

  let profiles: readonly ObjectRef[] = EMPTY;
  if (ctx.evaluable) {
    profiles = grantingRefs(snapshot, p, ctx);
    if (profiles.length === 0) explainNoProfile(snapshot, p, ctx, out);
  }
  return {
    performance: performanceRef(snapshot, p),
    status: combinedStatus(gate, profiles.length > 0, windowStatus),
    opensAt: iv >= 0 ? openIso(snapshot, iv) : null,
    closesAt: iv >= 0 ? closeIso(snapshot, iv) : null,
    provenance: iv >= 0 || profiles.length > 0 ? { periods: periodsOf(snapshot, p, iv), profiles } : NO_PROVENANCE,
    reasons: orderReasons(out),
  };
}

function unknownPerformance(id: Id, ctx: SalesContext): PerformanceAnswer {
  return {
    performance: null,
    status: 'NOT_ON_SALE',
    opensAt: null,
    closesAt: null,
    provenance: NO_PROVENANCE,
    reasons: orderReasons([reasons.unknown('UNKNOWN_PERFORMANCE', 'performance', id, 'La séance', 'performance'), ...ctx.reasons]),
  };
}

/** May this performance be sold in this context at `at`, and if not, why? (§1.4) */
export function performanceStatus(snapshot: Snapshot, query: PerformanceQuery): PerformanceAnswer {
  const at = requireInstant(query.at);
  const ctx = resolveContextMemo(snapshot, query);
  const p = snapshot.index.performance.get(query.performanceId);
  return p !== undefined ? evaluatePerformance(snapshot, p, ctx, at) : unknownPerformance(query.performanceId, ctx);
}

/**
 * Only the status performanceStatus would answer (same rules, same code path, no reasons or
 * provenance built): for screens that show statuses of many cells and explain one on demand.
 */
export function performanceStatusOnly(snapshot: Snapshot, query: PerformanceQuery): SaleStatus {
  const at = requireInstant(query.at);
  const ctx = resolveContextMemo(snapshot, query);
  const p = snapshot.index.performance.get(query.performanceId);
  return p !== undefined ? evaluateStatus(snapshot, p, ctx, at) : 'NOT_ON_SALE';
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
  const p = snapshot.index.performance.get(query.performanceId);
  const e = p !== undefined ? snapshot.perf.eventIdx[p] : -1;
  const seasonIdx = e >= 0 ? snapshot.events[e].seasonIdx : -1;
  const tariffTypes = seasonIdx >= 0 ? snapshot.seasons[seasonIdx].tariffTypeIdxs.map((t) => snapshot.tariffTypes[t]) : [];
  const cells = snapshot.seatCategories.map((seat) => tariffTypes.map((tariff) => performanceStatus(snapshot, { ...query, seatCategoryId: seat.ref.id, tariffTypeId: tariff.ref.id })));
  return {
    performance: p !== undefined ? performanceRef(snapshot, p) : null,
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
/** First index i with values[i] >= x (values sorted, NaN last: NaN counts as above every x). */
function firstAtLeast(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!(values[mid] < x)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index k with values[k] >= x (values non-decreasing integers). */
function firstAtLeastInt(values: Int32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Per event, for one listing: excluded, every performance granted, or only selected performances. */
const EVENT_EXCLUDED = 0;
const EVENT_ALL = 1;
const EVENT_SELECTION = 2;

/**
 * The state of one listing (a class: one hidden class, no closure per call). What depends on
 * the event only — the event part of the catalogue gate and of profileCoversPerformance — is
 * decided up front for the events in [eventFrom, eventTo), in one pass over the admitting
 * profiles' `eventMatch` arrays.
 */
class ListingScan {
  /** Per event idx: EVENT_*. */
  readonly eventStatus: Uint8Array;
  /**
   * Per (profile idx × season count + season idx): 1 when the profile admits the context and,
   * for performances of that season, passes the tariff-type condition (the performance
   * selections are then checked with snapshot.selectedBy).
   */
  readonly selectOk: Uint8Array;
  readonly result: ListedPerformance[] = [];

  constructor(
    readonly snapshot: Snapshot,
    readonly ctx: SalesContext,
    profiles: readonly ActivityProfileNode[],
    readonly at: number,
    readonly includeSoon: boolean,
    eventFrom: number,
    eventTo: number,
    seasonFilter: number,
  ) {
    const seasonCount = snapshot.seasons.length;
    const et = snapshot.eventTable;
    this.eventStatus = new Uint8Array(snapshot.events.length);
    this.selectOk = new Uint8Array(snapshot.activityProfiles.length * seasonCount);
    const status = this.eventStatus;
    // profileCoversPerformance, event part: the event is selected (eventMatch is already 0 for
    // other organisations' events), and a tariff type of its season when none is asked.
    for (const profile of profiles) {
      const anyTariff = ctx.tariffType !== undefined || profile.allTariffTypes;
      for (let s = 0; s < seasonCount; s++) {
        if (anyTariff || profile.tariffSeasons[s] === 1) this.selectOk[profile.idx * seasonCount + s] = 1;
      }
      const match = profile.eventMatch;
      for (let e = eventFrom; e < eventTo; e++) {
        const m = match[e];
        if (m === 0 || status[e] === EVENT_ALL) continue;
        const s = et.seasonIdx[e];
        if (s < 0 || !(anyTariff || profile.tariffSeasons[s] === 1)) continue;
        status[e] = m === 1 ? EVENT_ALL : EVENT_SELECTION;
      }
    }
    // catalogueGate, event part: event and season running, the organisation conditions (once
    // per organisation × season met); and the seasonId / eventId filters.
    const orgGate = new Int8Array((snapshot.organizations.length + 1) * seasonCount);
    for (let e = eventFrom; e < eventTo; e++) {
      if (status[e] === EVENT_EXCLUDED) continue;
      const s = et.seasonIdx[e];
      if (et.running[e] === 0 || (seasonFilter >= 0 && s !== seasonFilter)) {
        status[e] = EVENT_EXCLUDED;
        continue;
      }
      const key = (et.orgIdx[e] + 1) * seasonCount + s;
      if (orgGate[key] === 0) orgGate[key] = organizationGate(snapshot, ctx, et.orgIdx[e], snapshot.seasons[s], null) ? 1 : -1;
      if (orgGate[key] < 0) status[e] = EVENT_EXCLUDED;
    }
  }
}

/** The performance part of the gate and of the profiles, for performance p of event e (not over). */
function listingAdmits(scan: ListingScan, p: number, e: number): boolean {
  return scan.snapshot.perf.state[p] === STATE_RUNNING && listingAdmitsRunning(scan, p, e);
}

/** listingAdmits for a performance known to be running. */
function listingAdmitsRunning(scan: ListingScan, p: number, e: number): boolean {
  const status = scan.eventStatus[e];
  return status === EVENT_ALL || (status === EVENT_SELECTION && listingSelects(scan, p, e));
}

/** Some admitting profile selects p, of an event in EVENT_SELECTION (selectedBy ≡ performanceSelections, by performance). */
function listingSelects(scan: ListingScan, p: number, e: number): boolean {
  const { start, profiles } = scan.snapshot.selectedBy;
  const seasonCount = scan.snapshot.seasons.length;
  const s = scan.snapshot.eventTable.seasonIdx[e];
  for (let j = start[p]; j < start[p + 1]; j++) {
    if (scan.selectOk[profiles[j] * seasonCount + s] === 1) return true;
  }
  return false;
}

/**
 * A listed performance. Built by a constructor rather than an object literal: a listing
 * creates tens of thousands of them that all survive until it returns, and V8 then
 * "pretenures" a literal's allocation site (allocates in the old generation), which made
 * each item several times dearer at 100,000 performances. Same own properties, in the same
 * order, as the ListedPerformance interface: JSON and structural equality are unchanged.
 */
class ListedItem implements ListedPerformance {
  constructor(
    public performance: ObjectRef,
    public event: ObjectRef,
    public startsAt: string,
    public status: 'ON_SALE' | 'SOON_ON_SALE',
    public opensAt: string,
    public closesAt: string,
  ) {}
}

function listed(snapshot: Snapshot, p: number, e: number, iv: number, open: boolean): ListedPerformance {
  return new ListedItem(performanceRef(snapshot, p), snapshot.eventTable.refs[e], startsAtIso(snapshot, p)!, open ? 'ON_SALE' : 'SOON_ON_SALE', openIso(snapshot, iv), closeIso(snapshot, iv));
}

/** `listed` for entry k of a listing index (what it repeats is memoised in entry order). */
function listedEntry(snapshot: Snapshot, index: ListingIndex, k: number, p: number, e: number, open: boolean): ListedPerformance {
  const items = index.items ?? (index.items = denseArray(4 * index.perf.length));
  let performance = items[4 * k] as ObjectRef | undefined;
  if (performance === undefined) {
    performance = items[4 * k] = performanceRef(snapshot, p);
    items[4 * k + 1] = startsAtIso(snapshot, p)!;
    items[4 * k + 2] = toIso(index.bounds[2 * k]);
    items[4 * k + 3] = toIso(index.bounds[2 * k + 1]);
  }
  return new ListedItem(performance, snapshot.eventTable.refs[e], items[4 * k + 1] as string, open ? 'ON_SALE' : 'SOON_ON_SALE', items[4 * k + 2] as string, items[4 * k + 3] as string);
}

/**
 * Listing entries kLo..kHi of a (channel, category) index. The first entry of a performance
 * not closed at `at` is its current or next interval (entries are sorted); its close is not
 * after the end of the performance, so the performance is not over either. Indexed
 * performances are running (with their event and season): the rest of the gate and the
 * profiles are decided per event (listingEvent) and, for performance selections, per
 * performance.
 */
function scanIndex(scan: ListingScan, index: ListingIndex, kLo: number, kHi: number): ListedPerformance[] {
  const { snapshot, at, includeSoon } = scan;
  const { perf, event, bounds } = index;
  const status = scan.eventStatus;
  // First the matching entries (2k + 1 when open, 2k when soon), then the result array at its
  // size: a growing array past 16k items was copied into a new large object at each step.
  const matches = index.matches ?? (index.matches = new Int32Array(perf.length));
  let count = 0;
  let last = -1;
  for (let k = kLo; k < kHi; k++) {
    if (bounds[2 * k + 1] <= at) continue;
    const p = perf[k];
    if (p === last) continue;
    last = p;
    const open = at >= bounds[2 * k];
    if (!open && !includeSoon) continue;
    const e = event[k];
    const s = status[e];
    if (s === EVENT_ALL || (s === EVENT_SELECTION && listingSelects(scan, p, e))) matches[count++] = open ? 2 * k + 1 : 2 * k;
  }
  const result: ListedPerformance[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const k = matches[i] >> 1;
    result[i] = listedEntry(snapshot, index, k, perf[k], event[k], (matches[i] & 1) === 1);
  }
  return result;
}

/** One performance of one event (the eventId filter): its window of slot `slot` in the flat tables. */
function scanPerformance(scan: ListingScan, p: number, slot: number): void {
  const { snapshot, at } = scan;
  const t = snapshot.perf;
  // Over at `at`, or an unreadable date (NaN): nothing to sell.
  if (!(t.overAt[p] > at)) return;
  const w = snapshot.windows;
  const window = t.slotBase[p] + slot;
  const to = w.winStart[window + 1];
  let iv = w.winStart[window];
  while (iv < to && w.ivClose[iv] <= at) iv++;
  if (iv === to) return;
  const open = at >= w.ivOpen[iv];
  if (!open && !scan.includeSoon) return;
  const e = t.eventIdx[p];
  if (listingAdmits(scan, p, e)) scan.result.push(listed(snapshot, p, e, iv, open));
}

/**
 * Performances ON_SALE (and SOON_ON_SALE when asked) in a context at `at`, sorted by
 * startsAt. Equals filtering performanceStatus over every performance (property-tested):
 * it applies the same gate, profile and window rules, skipping only what cannot match:
 * performances already over at `at` (a binary search on the running max of their ends),
 * windows that all open after `at` (a binary search on the running min of their openings,
 * unless SOON is asked), and profiles that fail the performance-independent conditions.
 * It reads the (channel, category) listing index in order; what depends on the event only
 * (its gate, the profiles covering it) is decided once per event met.
 */
export function listOnSale(snapshot: Snapshot, query: ListQuery): ListedPerformance[] {
  const at = requireInstant(query.at);
  const ctx = resolveContext(snapshot, query);
  if (ctx.blocked || !ctx.evaluable) return [];
  const channelIdx = ctx.channel!.idx;
  const categoryIdx = ctx.subcategory!.categoryIdx;
  const profiles = contextProfiles(snapshot, ctx).admitting;
  if (profiles.length === 0) return [];
  const season = query.seasonId != null ? snapshot.index.season.get(query.seasonId) : undefined;
  const onlyEvent = query.eventId != null ? snapshot.index.event.get(query.eventId) : undefined;
  if ((query.seasonId != null && !season) || (query.eventId != null && !onlyEvent)) return [];
  const includeSoon = query.includeSoon === true;

  // Performances [lo, hi) may be listed.
  let lo = firstAbove(snapshot.prefixMaxOverAt, at);
  let hi = snapshot.perf.count;
  if (query.from != null) lo = Math.max(lo, firstAtLeast(snapshot.perf.startsAt, requireInstant(query.from, 'from')));
  if (query.to != null) hi = Math.min(hi, firstAtLeast(snapshot.perf.startsAt, requireInstant(query.to, 'to')));
  if (lo >= hi) return [];

  const eventFrom = onlyEvent ? onlyEvent.idx : 0;
  const eventTo = onlyEvent ? onlyEvent.idx + 1 : snapshot.events.length;
  const scan = new ListingScan(snapshot, ctx, profiles, at, includeSoon, eventFrom, eventTo, season ? season.idx : -1);
  if (onlyEvent) {
    // Its performances only (in performance order).
    const slot = windowSlot(snapshot, onlyEvent, channelIdx, categoryIdx);
    if (slot < 0) return [];
    for (let k = onlyEvent.perfFrom; k < onlyEvent.perfTo; k++) {
      const p = snapshot.eventPerformances[k];
      if (p >= lo && p < hi) scanPerformance(scan, p, slot);
    }
  } else {
    const index = listingIndex(snapshot, channelIdx, categoryIdx);
    const kLo = firstAtLeastInt(index.perf, lo);
    let kHi = hi === snapshot.perf.count ? index.perf.length : firstAtLeastInt(index.perf, hi);
    if (!includeSoon) kHi = Math.min(kHi, firstAbove(index.suffixMinOpen, at));
    return scanIndex(scan, index, kLo, kHi);
  }
  return scan.result;
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
  let perfs: number[] = [];
  if (query.performanceId != null) {
    const p = snapshot.index.performance.get(query.performanceId);
    if (p !== undefined) perfs = [p];
  } else if (query.eventId != null) {
    const event = snapshot.index.event.get(query.eventId);
    if (event) perfs = Array.from(snapshot.eventPerformances.subarray(event.perfFrom, event.perfTo));
  }
  const w = snapshot.windows;
  return perfs
    .filter((p) => snapshot.perf.eventIdx[p] >= 0)
    .map((p) => {
      const event = snapshot.events[snapshot.perf.eventIdx[p]];
      const orgIdx = event.orgIdx;
      const windows: ChannelCategoryWindow[] = [];
      for (const channel of snapshot.channels) {
        const profiles = snapshot.activityProfilesByChannel[channel.idx]
          .filter((profile) => profile.orgIdx === orgIdx && profileCoversPerformance(snapshot, profile, p, undefined, null))
          .map((profile) => ({ profile: profile.ref, buyerKind: profile.buyerKind }));
        const group = event.layout.channelGroup[channel.idx];
        for (const category of snapshot.audienceCategories) {
          const slot = windowSlot(snapshot, event, channel.idx, category.idx);
          if (slot < 0 && profiles.length === 0) continue;
          const intervals: TimelineInterval[] = [];
          const pieces: PeriodProvenance[] = [];
          if (slot >= 0) {
            const window = snapshot.perf.slotBase[p] + slot;
            for (let iv = w.winStart[window]; iv < w.winStart[window + 1]; iv++) {
              const item: TimelineInterval = { opensAt: openIso(snapshot, iv), closesAt: closeIso(snapshot, iv), periods: periodsOf(snapshot, p, iv) };
              if (at !== null) item.position = at >= w.ivClose[iv] ? 'past' : at >= w.ivOpen[iv] ? 'current' : 'future';
              intervals.push(item);
              for (let k = w.ivPieceStart[iv]; k < w.ivPieceStart[iv + 1]; k++) pieces.push(provenanceOfPiece(snapshot, p, w.ivPieces[k]));
            }
          }
          windows.push({
            channel: channel.ref,
            audienceCategory: category.ref,
            calendars: group >= 0 ? event.layout.groups[group].calendarRefs : [],
            periods: slot < 0 ? [] : slotPeriodNodes(event, slot).map((period) => period.ref),
            intervals,
            pieces,
            granted: profiles.length > 0,
            profiles,
          });
        }
      }
      const overAt = snapshot.perf.overAt[p];
      return {
        performance: performanceRef(snapshot, p),
        event: event.ref,
        state: performanceState(snapshot, p),
        startsAt: startsAtIso(snapshot, p),
        overAt: Number.isNaN(overAt) ? null : toIso(overAt),
        windows,
      };
    });
}
