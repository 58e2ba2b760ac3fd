/**
 * Validation checks of configuration objects (what the "validate" action calls first).
 * A draft is evaluated AS IF validated: the snapshot is compiled with that object treated as
 * validated, so warnings about windows and grants describe what validating would do.
 * Blocking problems forbid validation; warnings are shown and may be overridden.
 */
import type { ConfigurationInput, Id } from './model';
import { problems, type ObjectRef, type Problem } from './explain';
import {
  STATE_RUNNING,
  compileSnapshot,
  performanceRef,
  performanceState,
  periodGivesInterval,
  windowSlot,
  type ActivityProfileNode,
  type CompileOptions,
  type EventNode,
  type Snapshot,
} from './snapshot';
import { profileCoversPerformance } from './performance';
import { periodRuleIssues } from './shape';
import { parseInstant } from './time';

export interface CheckResult {
  blocking: Problem[];
  warnings: Problem[];
}

/** How many performances a PERFORMANCE_WITHOUT_WINDOW warning names (it always gives the count). */
const NAMED_PERFORMANCES = 5;

const isSnapshot = (source: ConfigurationInput | Snapshot): source is Snapshot => 'index' in source && 'clock' in source;

type AsValidated = NonNullable<CompileOptions['treatAsValidated']>;

/** A snapshot where `extra` is treated as validated (reusing `source` when it already is). */
function snapshotFor(source: ConfigurationInput | Snapshot, extra: AsValidated, alreadyEffective: (s: Snapshot) => boolean): Snapshot {
  if (isSnapshot(source) && alreadyEffective(source)) return source;
  const config = isSnapshot(source) ? source.config : source;
  const previous = isSnapshot(source) ? (source.options.treatAsValidated ?? {}) : {};
  return compileSnapshot(config, {
    treatAsValidated: {
      salesCalendarIds: [...(previous.salesCalendarIds ?? []), ...(extra.salesCalendarIds ?? [])],
      activityProfileIds: [...(previous.activityProfileIds ?? []), ...(extra.activityProfileIds ?? [])],
      productProfileIds: [...(previous.productProfileIds ?? []), ...(extra.productProfileIds ?? [])],
    },
  });
}

const isWholeNonNegative = (n: number): boolean => Number.isInteger(n) && n >= 0;

/** The performance idxs of an event, in performance order. */
const eventPerformances = (snapshot: Snapshot, event: EventNode): number[] => Array.from(snapshot.eventPerformances.subarray(event.perfFrom, event.perfTo));

// ---------------------------------------------------------------------------------------
// Sales calendar

export function checkSalesCalendar(source: ConfigurationInput | Snapshot, calendarId: Id): CheckResult {
  const snapshot = snapshotFor(source, { salesCalendarIds: [calendarId] }, (s) => s.index.calendar.get(calendarId)?.effective === true);
  const result: CheckResult = { blocking: [], warnings: [] };
  const calendar = snapshot.index.calendar.get(calendarId);
  if (!calendar) {
    result.blocking.push(problems.unknownObject('UNKNOWN_SALES_CALENDAR', 'salesCalendar', calendarId));
    return result;
  }
  const cal = calendar.ref;
  if (calendar.periods.length === 0) result.blocking.push(problems.calendarHasNoPeriod(cal));

  for (const period of calendar.periods) {
    const { opening, closing, audienceCategoryIds } = period.input;
    if (audienceCategoryIds.length === 0) result.blocking.push(problems.periodHasNoCategory(cal, period.ref));
    for (const a of audienceCategoryIds) {
      if (!snapshot.index.audienceCategory.has(a)) result.blocking.push(problems.unknownReference(period.ref, 'audienceCategory', a));
    }
    // The rules themselves (shape.ts: the write guard asks the same function), including a period
    // empty for every possible performance; one that is empty for the performances it has is a
    // warning below, decided per performance with the compiled bounds.
    const reported = new Set<string>();
    for (const issue of periodRuleIssues(opening, closing)) {
      const key = `${issue.code}|${issue.rule}`;
      if (reported.has(key)) continue;
      reported.add(key);
      if (issue.code === 'PERIOD_INVALID_DATE') result.blocking.push(problems.periodInvalidDate(cal, period.ref, issue.rule));
      else if (issue.code === 'PERIOD_INVALID_RELATIVE_RULE') result.blocking.push(problems.periodInvalidRelativeRule(cal, period.ref, issue.rule));
      else result.blocking.push(problems.periodClosesBeforeOpening(cal, period.ref));
    }
  }

  const assignedEvents = snapshot.events.filter((e) => snapshot.config.events[e.idx].calendarAssignments.some((a) => a.salesCalendarId === calendarId));
  if (assignedEvents.length === 0) result.warnings.push(problems.calendarNotAssigned(cal));

  for (const event of assignedEvents) {
    const perfs = eventPerformances(snapshot, event).filter((p) => {
      const state = performanceState(snapshot, p);
      return state !== 'cancelled' && state !== 'closed' && !Number.isNaN(snapshot.perf.startsAt[p]);
    });
    if (perfs.length === 0) continue;
    for (const period of calendar.periods) {
      if (perfs.every((p) => !periodGivesInterval(snapshot, period, p, event.toleranceMs))) {
        result.warnings.push(problems.periodYieldsNoWindow(cal, period.ref, event.ref, perfs.length));
      }
    }
  }
  result.warnings.push(...performancesWithoutWindow(snapshot, assignedEvents, null));
  return result;
}

/**
 * Running performances of `events` that an effective profile (only `onlyProfile` when
 * given) grants on a channel where they have no non-empty window for any audience
 * category: one warning per (event, channel).
 */
function performancesWithoutWindow(snapshot: Snapshot, events: readonly EventNode[], onlyProfile: ActivityProfileNode | null): Problem[] {
  const found: Problem[] = [];
  const categoryCount = snapshot.audienceCategories.length;
  for (const event of events) {
    for (const channel of snapshot.channels) {
      const profiles = (onlyProfile ? [onlyProfile] : snapshot.activityProfilesByChannel[channel.idx]).filter((p) => p.orgIdx === event.orgIdx && p.channels[channel.idx] === 1);
      if (profiles.length === 0) continue;
      const missing: ObjectRef[] = [];
      const granting = new Set<ObjectRef>();
      for (const perf of eventPerformances(snapshot, event)) {
        if (snapshot.perf.state[perf] !== STATE_RUNNING) continue;
        const grantedBy = profiles.filter((p) => profileCoversPerformance(snapshot, p, perf, undefined, null));
        if (grantedBy.length === 0) continue;
        let hasWindow = false;
        for (let a = 0; a < categoryCount && !hasWindow; a++) {
          const slot = windowSlot(snapshot, event, channel.idx, a);
          const window = snapshot.perf.slotBase[perf] + slot;
          hasWindow = slot >= 0 && snapshot.windows.winStart[window + 1] > snapshot.windows.winStart[window];
        }
        if (!hasWindow) {
          missing.push(performanceRef(snapshot, perf));
          for (const p of grantedBy) granting.add(p.ref);
        }
      }
      if (missing.length > 0) {
        found.push(problems.performanceWithoutWindow(event.ref, channel.ref, [...granting], missing.slice(0, NAMED_PERFORMANCES), missing.length));
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// Activity profile

const intersects = (allA: boolean, a: ReadonlySet<number>, allB: boolean, b: ReadonlySet<number>): boolean => (allA && (allB || b.size > 0)) || (allB && a.size > 0) || [...a].some((x) => b.has(x));

export function checkActivityProfile(source: ConfigurationInput | Snapshot, profileId: Id): CheckResult {
  const snapshot = snapshotFor(source, { activityProfileIds: [profileId] }, (s) => s.index.activityProfile.get(profileId)?.effective === true);
  const result: CheckResult = { blocking: [], warnings: [] };
  const profile = snapshot.index.activityProfile.get(profileId);
  if (!profile) {
    result.blocking.push(problems.unknownObject('UNKNOWN_ACTIVITY_PROFILE', 'activityProfile', profileId));
    return result;
  }
  const input = profile.input;
  const me = profile.ref;
  const idx = snapshot.index;

  if (input.salesChannelIds.length === 0) result.blocking.push(problems.profileHasNoChannel(me));
  if (!input.allEvents && input.events.length === 0) result.blocking.push(problems.profileHasNoEvent(me));
  if (!input.allAudienceSubcategories && input.audienceSubcategoryIds.length === 0) result.blocking.push(problems.profileHasNoSubcategory(me));
  if (!input.allSeatCategories && input.seatCategoryIds.length === 0) result.blocking.push(problems.profileHasNoSeatCategory(me));
  if (!input.allTariffTypes && input.tariffTypeIds.length === 0) result.blocking.push(problems.profileHasNoTariffType(me));
  for (const c of input.salesChannelIds) if (!idx.channel.has(c)) result.blocking.push(problems.unknownReference(me, 'salesChannel', c));
  for (const u of input.audienceSubcategoryIds) if (!idx.audienceSubcategory.has(u)) result.blocking.push(problems.unknownReference(me, 'audienceSubcategory', u));
  for (const k of input.seatCategoryIds) if (!idx.seatCategory.has(k)) result.blocking.push(problems.unknownReference(me, 'seatCategory', k));
  for (const t of input.tariffTypeIds) if (!idx.tariffType.has(t)) result.blocking.push(problems.unknownReference(me, 'tariffType', t));
  for (const sel of input.events) {
    const event = idx.event.get(sel.eventId);
    if (!event) {
      result.blocking.push(problems.unknownReference(me, 'event', sel.eventId));
      continue;
    }
    if (input.allEvents && sel.performanceIds.length > 0) result.blocking.push(problems.performanceSelectionWithAllEvents(me, event.ref));
    for (const pid of sel.performanceIds) {
      const perf = idx.performance.get(pid);
      if (perf === undefined) result.blocking.push(problems.unknownReference(me, 'performance', pid));
      else if (snapshot.perf.eventIdx[perf] !== event.idx) result.blocking.push(problems.performanceNotOfEvent(me, performanceRef(snapshot, perf), event.ref));
    }
  }

  const org = profile.orgIdx >= 0 ? snapshot.organizations[profile.orgIdx] : null;
  if (org) {
    for (const c of profile.channelIdxs) {
      if (org.enabledChannels[c] === 0) result.warnings.push(problems.channelNotEnabled(me, snapshot.channels[c].ref, org.ref));
    }
  }
  const covered = snapshot.events.filter((e) => profile.eventMatch[e.idx] !== 0);
  result.warnings.push(...performancesWithoutWindow(snapshot, covered, profile));

  // Overlaps: another effective profile granting the same performances on the same channels
  // to the same buyer kind, for shared subcategories, seat categories and tariff types.
  for (const other of snapshot.activityProfiles) {
    if (other === profile || !other.effective || other.orgIdx !== profile.orgIdx || other.buyerKind !== profile.buyerKind) continue;
    const channels = profile.channelIdxs.filter((c) => other.channels[c] === 1);
    if (channels.length === 0) continue;
    if (!intersects(profile.allSubcategories, profile.subcategories, other.allSubcategories, other.subcategories)) continue;
    if (!intersects(profile.allSeatCategories, profile.seatCategories, other.allSeatCategories, other.seatCategories)) continue;
    if (!intersects(profile.allTariffTypes, profile.tariffTypes, other.allTariffTypes, other.tariffTypes)) continue;
    let count = 0;
    for (const event of covered) {
      if (other.eventMatch[event.idx] === 0) continue;
      for (const perf of eventPerformances(snapshot, event)) {
        if (profileCoversPerformance(snapshot, profile, perf, undefined, null) && profileCoversPerformance(snapshot, other, perf, undefined, null)) count++;
      }
    }
    if (count > 0)
      result.warnings.push(
        problems.profilesOverlap(
          me,
          other.ref,
          channels.map((c) => snapshot.channels[c].ref),
          count,
        ),
      );
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// Product profile

export function checkProductProfile(source: ConfigurationInput | Snapshot, profileId: Id): CheckResult {
  const snapshot = snapshotFor(source, { productProfileIds: [profileId] }, (s) => s.index.productProfile.get(profileId)?.effective === true);
  const result: CheckResult = { blocking: [], warnings: [] };
  const profile = snapshot.index.productProfile.get(profileId);
  if (!profile) {
    result.blocking.push(problems.unknownObject('UNKNOWN_PRODUCT_PROFILE', 'productProfile', profileId));
    return result;
  }
  const input = profile.input;
  const me = profile.ref;
  const idx = snapshot.index;

  if (input.salesChannelIds.length === 0) result.blocking.push(problems.profileHasNoChannel(me));
  if (input.productIds.length === 0) result.blocking.push(problems.profileHasNoProduct(me));
  if (!input.allAudienceSubcategories && input.audienceSubcategoryIds.length === 0) result.blocking.push(problems.profileHasNoSubcategory(me));
  for (const c of input.salesChannelIds) if (!idx.channel.has(c)) result.blocking.push(problems.unknownReference(me, 'salesChannel', c));
  for (const x of input.productIds) if (!idx.product.has(x)) result.blocking.push(problems.unknownReference(me, 'product', x));
  for (const u of input.audienceSubcategoryIds) if (!idx.audienceSubcategory.has(u)) result.blocking.push(problems.unknownReference(me, 'audienceSubcategory', u));
  const { minQuantity: min, maxQuantity: max } = input;
  if ((min != null && !isWholeNonNegative(min)) || (max != null && !isWholeNonNegative(max))) result.blocking.push(problems.invalidQuantity(me));
  else if (min != null && max != null && min > max) result.blocking.push(problems.minAboveMax(me, min, max));
  const start = input.saleStart ? parseInstant(input.saleStart) : null;
  const end = input.saleEnd ? parseInstant(input.saleEnd) : null;
  if ((start !== null && Number.isNaN(start)) || (end !== null && Number.isNaN(end))) result.blocking.push(problems.invalidSaleDate(me));
  else if (start !== null && end !== null && end <= start) result.blocking.push(problems.saleEndNotAfterStart(me));

  const org = profile.orgIdx >= 0 ? snapshot.organizations[profile.orgIdx] : null;
  if (org) {
    for (const c of profile.channelIdxs) {
      if (org.enabledChannels[c] === 0) result.warnings.push(problems.channelNotEnabled(me, snapshot.channels[c].ref, org.ref));
    }
  }
  for (const other of snapshot.productProfiles) {
    if (other === profile || !other.effective || other.orgIdx !== profile.orgIdx || other.buyerKind !== profile.buyerKind) continue;
    const channels = profile.channelIdxs.filter((c) => other.channels[c] === 1);
    const products = [...profile.products].filter((x) => other.products.has(x));
    if (channels.length === 0 || products.length === 0) continue;
    if (!intersects(profile.allSubcategories, profile.subcategories, other.allSubcategories, other.subcategories)) continue;
    if (!(Math.max(profile.saleStart, other.saleStart) < Math.min(profile.saleEnd, other.saleEnd))) continue;
    result.warnings.push(
      problems.productProfilesOverlap(
        me,
        other.ref,
        products.map((x) => snapshot.products[x].ref),
        channels.map((c) => snapshot.channels[c].ref),
      ),
    );
  }
  return result;
}
