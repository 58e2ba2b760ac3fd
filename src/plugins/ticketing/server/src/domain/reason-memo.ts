/**
 * The reasons answers repeat, built once per snapshot and shared (frozen). A matrix or a
 * listing asks the same few hundred explanations hundreds of thousands of times: building
 * the fr/en messages each time was most of the cost of a non-ON_SALE answer.
 *
 * Each reason is keyed by the configuration objects it names (never by `at`, except through
 * the instant a window opens or closes, which is itself a compiled value), so a snapshot holds
 * at most one copy of each distinct explanation: the memo is bounded by the configuration.
 * The `reasons` array of an answer is always its own; only its elements are shared.
 */
import { reasons, type ObjectRef, type Reason } from './explain';
import { localTime } from './answer';
import type { ActivityProfileNode, AudienceCategoryNode, AudienceSubcategoryNode, ChannelNode, EventNode, PointOfSaleNode, SeasonNode, SeatCategoryNode, Snapshot, TariffTypeNode } from './snapshot';
import { performanceRef, performanceState, slotPeriodNodes } from './snapshot';

const Kind = {
  SeasonNotRunning: 0,
  SeasonSuspended: 1,
  EventNotRunning: 2,
  EventSuspended: 3,
  PerformanceNotRunning: 4,
  PerformanceSuspended: 5,
  InvalidPerformanceDate: 6,
  ChannelNotEnabled: 7,
  PointOfSaleWrongOrganization: 8,
  SubcategoryOtherSeason: 9,
  TariffTypeOtherSeason: 10,
  NoValidatedCalendar: 11,
  NoPeriodForCategory: 12,
  EmptyWindow: 13,
  NotYetOpen: 14,
  Closed: 15,
  PerformanceOver: 16,
  NoValidatedActivityProfile: 17,
  ChannelNotInProfile: 18,
  BuyerKindMismatch: 19,
  EventNotInProfile: 20,
  PerformanceNotInProfile: 21,
  SubcategoryNotInProfile: 22,
  SeatCategoryNotInProfile: 23,
  TariffTypeNotInProfile: 24,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

function freeze(reason: Reason): Reason {
  Object.freeze(reason.objects);
  Object.freeze(reason.message);
  return Object.freeze(reason);
}

function get(snapshot: Snapshot, kind: Kind, key: number): Reason | undefined {
  const map = snapshot.memo.reasons[kind];
  return map === undefined ? undefined : map.get(key);
}

function put(snapshot: Snapshot, kind: Kind, key: number, reason: Reason): Reason {
  let map = snapshot.memo.reasons[kind];
  if (map === undefined) {
    map = new Map();
    snapshot.memo.reasons[kind] = map;
  }
  const frozen = freeze(reason);
  map.set(key, frozen);
  return frozen;
}

const UNKNOWN_ORGANIZATION: ObjectRef = Object.freeze({ type: 'organization', id: '', code: '?' });

function organizationRef(snapshot: Snapshot, orgIdx: number): ObjectRef {
  return orgIdx >= 0 ? snapshot.organizations[orgIdx].ref : UNKNOWN_ORGANIZATION;
}

/** Same builders as `reasons` (explain.ts), memoised per snapshot. */
export const sharedReasons = {
  seasonNotRunning: (s: Snapshot, season: SeasonNode): Reason =>
    get(s, Kind.SeasonNotRunning, season.idx) ?? put(s, Kind.SeasonNotRunning, season.idx, reasons.seasonNotRunning(season.ref, season.state)),
  seasonSuspended: (s: Snapshot, season: SeasonNode): Reason => get(s, Kind.SeasonSuspended, season.idx) ?? put(s, Kind.SeasonSuspended, season.idx, reasons.seasonSuspended(season.ref)),
  eventNotRunning: (s: Snapshot, event: EventNode): Reason => get(s, Kind.EventNotRunning, event.idx) ?? put(s, Kind.EventNotRunning, event.idx, reasons.eventNotRunning(event.ref, event.state)),
  eventSuspended: (s: Snapshot, event: EventNode): Reason => get(s, Kind.EventSuspended, event.idx) ?? put(s, Kind.EventSuspended, event.idx, reasons.eventSuspended(event.ref)),
  performanceNotRunning: (s: Snapshot, p: number): Reason =>
    get(s, Kind.PerformanceNotRunning, p) ?? put(s, Kind.PerformanceNotRunning, p, reasons.performanceNotRunning(performanceRef(s, p), performanceState(s, p))),
  performanceSuspended: (s: Snapshot, p: number): Reason => get(s, Kind.PerformanceSuspended, p) ?? put(s, Kind.PerformanceSuspended, p, reasons.performanceSuspended(performanceRef(s, p))),
  invalidPerformanceDate: (s: Snapshot, p: number): Reason => get(s, Kind.InvalidPerformanceDate, p) ?? put(s, Kind.InvalidPerformanceDate, p, reasons.invalidPerformanceDate(performanceRef(s, p))),
  channelNotEnabled: (s: Snapshot, channel: ChannelNode, orgIdx: number): Reason => {
    const key = channel.idx * (s.organizations.length + 1) + orgIdx + 1;
    return get(s, Kind.ChannelNotEnabled, key) ?? put(s, Kind.ChannelNotEnabled, key, reasons.channelNotEnabled(channel.ref, organizationRef(s, orgIdx)));
  },
  pointOfSaleWrongOrganization: (s: Snapshot, pos: PointOfSaleNode, orgIdx: number): Reason => {
    const key = pos.idx * (s.organizations.length + 1) + orgIdx + 1;
    return get(s, Kind.PointOfSaleWrongOrganization, key) ?? put(s, Kind.PointOfSaleWrongOrganization, key, reasons.pointOfSaleWrongOrganization(pos.ref, organizationRef(s, orgIdx)));
  },
  subcategoryOtherSeason: (s: Snapshot, u: AudienceSubcategoryNode, season: SeasonNode): Reason => {
    const key = u.idx * s.seasons.length + season.idx;
    return get(s, Kind.SubcategoryOtherSeason, key) ?? put(s, Kind.SubcategoryOtherSeason, key, reasons.subcategoryOtherSeason(u.ref, season.ref));
  },
  tariffTypeOtherSeason: (s: Snapshot, t: TariffTypeNode, season: SeasonNode): Reason => {
    const key = t.idx * s.seasons.length + season.idx;
    return get(s, Kind.TariffTypeOtherSeason, key) ?? put(s, Kind.TariffTypeOtherSeason, key, reasons.tariffTypeOtherSeason(t.ref, season.ref));
  },

  noValidatedCalendar: (s: Snapshot, event: EventNode, channel: ChannelNode): Reason => {
    const key = event.idx * s.channels.length + channel.idx;
    return get(s, Kind.NoValidatedCalendar, key) ?? put(s, Kind.NoValidatedCalendar, key, reasons.noValidatedCalendar(event.ref, channel.ref));
  },
  noPeriodForCategory: (s: Snapshot, event: EventNode, group: number, category: AudienceCategoryNode): Reason => {
    const key = (event.idx * s.channels.length + group) * s.audienceCategories.length + category.idx;
    return get(s, Kind.NoPeriodForCategory, key) ?? put(s, Kind.NoPeriodForCategory, key, reasons.noPeriodForCategory(category.ref, event.layout.groups[group].calendarRefs));
  },
  /** `window`: the window index (one per performance × slot). */
  emptyWindow: (s: Snapshot, p: number, window: number, event: EventNode, slot: number): Reason =>
    get(s, Kind.EmptyWindow, window) ??
    put(
      s,
      Kind.EmptyWindow,
      window,
      reasons.emptyWindow(
        performanceRef(s, p),
        slotPeriodNodes(event, slot).map((period) => period.ref),
      ),
    ),
  notYetOpen: (s: Snapshot, opens: number): Reason =>
    get(s, Kind.NotYetOpen, opens) ??
    put(
      s,
      Kind.NotYetOpen,
      opens,
      reasons.notYetOpen(() => localTime(s, opens)),
    ),
  closed: (s: Snapshot, closes: number): Reason =>
    get(s, Kind.Closed, closes) ??
    put(
      s,
      Kind.Closed,
      closes,
      reasons.closed(() => localTime(s, closes)),
    ),
  performanceOver: (s: Snapshot, p: number): Reason => get(s, Kind.PerformanceOver, p) ?? put(s, Kind.PerformanceOver, p, reasons.performanceOver(performanceRef(s, p))),

  noValidatedActivityProfile: (s: Snapshot, channel: ChannelNode, orgIdx: number): Reason => {
    const key = channel.idx * (s.organizations.length + 1) + orgIdx + 1;
    return get(s, Kind.NoValidatedActivityProfile, key) ?? put(s, Kind.NoValidatedActivityProfile, key, reasons.noValidatedActivityProfile(channel.ref, organizationRef(s, orgIdx)));
  },
  channelNotInProfile: (s: Snapshot, profile: ActivityProfileNode, channel: ChannelNode): Reason => {
    const key = profile.idx * s.channels.length + channel.idx;
    return get(s, Kind.ChannelNotInProfile, key) ?? put(s, Kind.ChannelNotInProfile, key, reasons.channelNotInProfile(profile.ref, channel.ref));
  },
  /** The message only tells the asked kind apart as 'structure' or not. */
  buyerKindMismatch: (s: Snapshot, profile: ActivityProfileNode, asked: string): Reason => {
    const key = profile.idx * 2 + (asked === 'structure' ? 1 : 0);
    return get(s, Kind.BuyerKindMismatch, key) ?? put(s, Kind.BuyerKindMismatch, key, reasons.buyerKindMismatch(profile.ref, profile.buyerKind, asked));
  },
  eventNotInProfile: (s: Snapshot, profile: ActivityProfileNode, event: EventNode): Reason => {
    const key = profile.idx * s.events.length + event.idx;
    return get(s, Kind.EventNotInProfile, key) ?? put(s, Kind.EventNotInProfile, key, reasons.eventNotInProfile(profile.ref, event.ref));
  },
  performanceNotInProfile: (s: Snapshot, profile: ActivityProfileNode, p: number): Reason => {
    const key = profile.idx * s.perf.count + p;
    return get(s, Kind.PerformanceNotInProfile, key) ?? put(s, Kind.PerformanceNotInProfile, key, reasons.performanceNotInProfile(profile.ref, performanceRef(s, p)));
  },
  subcategoryNotInProfile: (s: Snapshot, profile: ActivityProfileNode, u: AudienceSubcategoryNode): Reason => {
    const key = profile.idx * s.audienceSubcategories.length + u.idx;
    return get(s, Kind.SubcategoryNotInProfile, key) ?? put(s, Kind.SubcategoryNotInProfile, key, reasons.subcategoryNotInProfile(profile.ref, u.ref));
  },
  seatCategoryNotInProfile: (s: Snapshot, profile: ActivityProfileNode, seat: SeatCategoryNode | null): Reason => {
    const key = profile.idx * (s.seatCategories.length + 1) + (seat ? seat.idx + 1 : 0);
    return get(s, Kind.SeatCategoryNotInProfile, key) ?? put(s, Kind.SeatCategoryNotInProfile, key, reasons.seatCategoryNotInProfile(profile.ref, seat ? seat.ref : null));
  },
  tariffTypeNotInProfile: (s: Snapshot, profile: ActivityProfileNode, tariff: TariffTypeNode | null): Reason => {
    const key = profile.idx * (s.tariffTypes.length + 1) + (tariff ? tariff.idx + 1 : 0);
    return get(s, Kind.TariffTypeNotInProfile, key) ?? put(s, Kind.TariffTypeNotInProfile, key, reasons.tariffTypeNotInProfile(profile.ref, tariff ? tariff.ref : null));
  },
};
