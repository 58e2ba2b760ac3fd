/** Shapes of the admin routes' answers (server/src/services/timeline.ts) and helpers shared by the pages. */
import { STATUSES, STATUS_RANK, bestStatus, combineBars, decodeLanes, type Bar, type Interval, type Lane, type SaleStatus, type WirePerformance } from '../../../../shared/timeline';
import type { SetupStep } from '../../../../shared/setup';

export { STATUSES, STATUS_RANK, bestStatus, combineBars };
export type { Bar, Interval, Lane, SaleStatus };
/** A performance of the timeline with its lanes decoded (the wire form's `l`). */
export type TimelinePerformance = Omit<WirePerformance, 'l'> & { lanes: Lane[] };
export interface Named {
  id: string;
  code: string;
  name: string;
}
export interface TimelineData {
  at: string;
  includeDrafts: boolean;
  changedLanes: number;
  timeZone: string;
  season: (Named & { startsOn: string | null; endsOn: string | null; state: string }) | null;
  seasons: Named[];
  events: (Named & { state: string; activityId: string | null })[];
  activities: Named[];
  channels: (Named & { active?: boolean })[];
  audienceCategories: Named[];
  /** The season's performances in all; this answer holds `offset` … `offset + performances.length`. */
  total: number;
  offset: number;
  performances: TimelinePerformance[];
}
/** The answer as sent (shared/timeline.ts): lanes compact. */
export type WireTimeline = Omit<TimelineData, 'performances'> & { performances: WirePerformance[] };

/** The first performances and the rest of one timeline (same instant, season and drafts) as one answer. */
export function joinTimelines(first: TimelineData, rest: TimelineData | null): TimelineData {
  if (!rest || rest.performances.length === 0) return first;
  return { ...first, changedLanes: first.changedLanes + rest.changedLanes, offset: 0, performances: first.performances.concat(rest.performances) };
}
export const sameTimeline = (a: TimelineData, b: TimelineData) => a.at === b.at && a.includeDrafts === b.includeDrafts && a.season?.id === b.season?.id;

/** Lanes as objects, each interval with the status the server gave it. */
export function decodeTimeline(wire: WireTimeline): TimelineData {
  const channelIds = wire.channels.map((c) => c.id);
  const categoryIds = wire.audienceCategories.map((c) => c.id);
  const performances = wire.performances.map(({ l, ...p }) => ({ ...p, lanes: decodeLanes(l, channelIds, categoryIds) }));
  return { ...wire, performances };
}
export interface ObjectRef {
  type: string;
  id: string;
  code: string;
  calendarId?: string;
  name?: string;
}
export interface Message {
  fr: string;
  en: string;
}
export interface Reason {
  code: string;
  message: Message;
  objects: ObjectRef[];
}
export interface DraftChange {
  type: 'salesCalendar' | 'activityProfile';
  id: string;
  code: string;
  name: string;
  status: SaleStatus;
  opensAt: string | null;
  closesAt: string | null;
}

/** GET /ticketing/explain (server/src/services/timeline.ts): names beside codes, the drafts that would change each answer. */
export interface ExplainData {
  at: string;
  includeDrafts: boolean;
  timeZone: string;
  performance: { id: string; code: string; name: string; startsAt: string; state: string };
  event: { id: string; code: string; name: string; state: string };
  season: { id: string; code: string; name: string; state: string };
  channel: { id: string; code: string; name: string; active: boolean };
  audienceCategory: { id: string; code: string; name: string };
  window: {
    calendars: ObjectRef[];
    periods: ObjectRef[];
    intervals: { opensAt: string; closesAt: string; periods: { calendar: ObjectRef; period: ObjectRef }[] }[];
    profiles: { profile: ObjectRef; buyerKind: string }[];
  };
  answers: {
    subcategory: { id: string; code: string; name: string };
    answer: { status: SaleStatus; opensAt: string | null; closesAt: string | null; provenance: { periods: { calendar: ObjectRef; period: ObjectRef }[]; profiles: ObjectRef[] }; reasons: Reason[] };
    /** Draft preview only: the answer in force today, when the drafts change it. */
    live: { status: SaleStatus; opensAt: string | null; closesAt: string | null } | null;
    drafts: DraftChange[];
    /** Capacity (issue #17), for a performance with pools: what is left now per seat category, the binding pool and every pool. */
    capacity?: ExplainCapacity | null;
  }[];
}

export interface ExplainPool {
  kind: string;
  code?: string;
  capacity: number;
  used: number;
  left: number;
  applies: boolean;
  label: { fr: string; en: string };
}
export interface ExplainCapacity {
  usageAt: string;
  categories: { seatCategory: string; available: number; binding: ExplainPool; pools: ExplainPool[] }[];
}

export interface Problem {
  severity: 'blocking' | 'warning';
  object: ObjectRef & { name: string; state: string };
  code: string;
  /** SETUP_STEP_MISSING: the missing step's key and list type. */
  step?: string;
  stepType?: string;
  message: Message;
  objects: ObjectRef[];
}
export interface ProblemsData {
  season: Named | null;
  problems: Problem[];
}
export type { SetupStep };
export interface SetupData {
  organization: Named | null;
  season: (Named & { state: string }) | null;
  steps: SetupStep[];
}

/** A lane's bars as drawn: each interval with the status the server gives it (with `baseline`: the validated configuration's). */
export function barsOf(lane: Lane, baseline = false): Bar[] {
  const source = baseline && lane.baseline ? lane.baseline : lane;
  return source.intervals.map((i) => ({ opensAt: i.opensAt, closesAt: i.closesAt, status: i.status }));
}

const TYPE_NAMES: Record<string, string> = {
  organization: 'organization',
  salesChannel: 'sales-channel',
  pointOfSale: 'point-of-sale',
  audienceCategory: 'audience-category',
  audienceSubcategory: 'audience-subcategory',
  seatCategory: 'seat-category',
  tariffType: 'tariff-type',
  season: 'season',
  activity: 'activity',
  event: 'event',
  performance: 'performance',
  product: 'product',
  salesCalendar: 'sales-calendar',
  activityProfile: 'activity-profile',
  productProfile: 'product-profile',
};

/** Where an object is edited in the Content Manager (a sales period lives in its calendar). Relative to /admin. */
export function cmPath(ref: { type: string; id: string; calendarId?: string }): string | null {
  if (ref.type === 'salesPeriod') return ref.calendarId ? `/content-manager/collection-types/plugin::ticketing.sales-calendar/${ref.calendarId}` : null;
  // A place configuration opens in its seating editor.
  if (ref.type === 'physical-configuration' || ref.type === 'logical-configuration') return `/plugins/ticketing/seating/${ref.type.split('-')[0]}/${ref.id}`;
  const name = TYPE_NAMES[ref.type] ?? ref.type;
  return ref.id && ref.id !== '?' ? `/content-manager/collection-types/plugin::ticketing.${name}/${ref.id}` : null;
}
export const cmListPath = (name: string) => `/content-manager/collection-types/plugin::ticketing.${name}`;
