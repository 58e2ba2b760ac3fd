/** Shapes of the admin routes' answers (server/src/services/timeline.ts) and helpers shared by the pages. */
import { STATUSES, STATUS_RANK, bestStatus, combineBars, decodeLanes, type Bar, type Interval, type Lane, type SaleStatus, type WirePerformance } from '../../../../shared/timeline';

export { STATUSES, STATUS_RANK, bestStatus, combineBars };
export type { Bar, Interval, Lane, SaleStatus };
export interface TimelinePerformance { id: string; code: string; eventId: string; state: string; startsAt: string | null; overAt: string | null; lanes: Lane[] }
export interface Named { id: string; code: string; name: string }
export interface TimelineData {
  at: string;
  includeDrafts: boolean;
  changedLanes: number;
  timeZone: string;
  season: (Named & { startsOn: string | null; endsOn: string | null; state: string }) | null;
  seasons: Named[];
  events: (Named & { state: string; activityId: string | null })[];
  activities: Named[];
  channels: Named[];
  audienceCategories: Named[];
  performances: TimelinePerformance[];
}
/** The answer as sent (shared/timeline.ts): lanes compact. */
export type WireTimeline = Omit<TimelineData, 'performances'> & { performances: WirePerformance[] };

/** Lanes as objects, each interval with the status the server gave it. */
export function decodeTimeline(wire: WireTimeline): TimelineData {
  const channelIds = wire.channels.map((c) => c.id);
  const categoryIds = wire.audienceCategories.map((c) => c.id);
  const performances = wire.performances.map(({ l, ...p }) => ({ ...p, lanes: decodeLanes(l, channelIds, categoryIds) }));
  return { ...wire, performances };
}
export interface ObjectRef { type: string; id: string; code: string; calendarId?: string }
export interface Message { fr: string; en: string }

/** Colours by status (design-system tokens' hex values, so that bars stay plain divs). */
export const STATUS_COLOR: Record<SaleStatus, string> = {
  ON_SALE: '#328048',
  SOON_ON_SALE: '#4945ff',
  SALES_ENDED: '#8e8ea9',
  TEMPORARILY_UNAVAILABLE: '#d9822f',
  NOT_ON_SALE: '#d02b20',
};

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
  const name = TYPE_NAMES[ref.type] ?? ref.type;
  return ref.id && ref.id !== '?' ? `/content-manager/collection-types/plugin::ticketing.${name}/${ref.id}` : null;
}
export const cmListPath = (name: string) => `/content-manager/collection-types/plugin::ticketing.${name}`;
