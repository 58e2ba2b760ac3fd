/**
 * What validating a draft would change for the website: the validate dialog's preview
 * (« ces N séances ouvrent sur WEB le … »). It compares two snapshots of the same
 * configuration — as it is, and with the draft treated as validated — through the engine's own
 * answers, so it announces an opening only where the website would be answered ON_SALE once
 * the draft is validated (catalogue states, active and enabled channels, audiences and
 * profiles included), never from the calendars alone.
 */
import type { BuyerKind, ConfigurationInput, Id } from './model';
import type { ObjectRef } from './explain';
import { performanceStatusOnly, saleWindows } from './performance';
import type { Snapshot } from './snapshot';

export interface ImpactQuery {
  organizationId: Id;
  /** The channels to report (an operator's perimeter); null = every channel. */
  channelIds: readonly Id[] | null;
  /** Only sale windows still to come at this instant count (epoch ms). */
  at: number;
  /** NO_PRICE: whether a performance (of this event) has a price where its organisation prices in the plugin; absent = every one. */
  isPriced?: (performanceId: Id, eventId: Id) => boolean;
}

/** One window a performance gains (or loses) on a channel, for these audience categories (codes). */
export interface ImpactWindow {
  opensAt: string;
  closesAt: string;
  categories: string[];
}

export interface ImpactEntry {
  performance: ObjectRef;
  event: ObjectRef;
  startsAt: string | null;
  /** The first window's opening. */
  opensAt: string;
  windows: ImpactWindow[];
}

export interface ChannelImpact {
  channel: ObjectRef;
  gained: ImpactEntry[];
  lost: ImpactEntry[];
}

const BUYER_KINDS: readonly BuyerKind[] = ['public', 'structure'];

/**
 * The (performance, channel, audience category) lanes where the engine sells now or later at
 * `at`, for some subcategory of the category in the performance's season and some buyer kind:
 * the very status the website API answers (`ON_SALE` or `SOON_ON_SALE`), so every later
 * interval of the lane's window sells too when it comes.
 */
function sellingLanes(snapshot: Snapshot, orgIdx: number, channelIdxs: readonly number[], at: number, isPriced: ImpactQuery['isPriced']): Set<string> {
  const selling = new Set<string>();
  const events = snapshot.events.filter((e) => e.orgIdx === orgIdx);
  const unpriced = new Set<number>();
  if (isPriced)
    for (const event of events)
      for (let k = event.perfFrom; k < event.perfTo; k++) if (!isPriced(snapshot.perf.ids[snapshot.eventPerformances[k]], event.ref.id)) unpriced.add(snapshot.eventPerformances[k]);
  // Contexts outside, performances inside: the engine memoises the last context per snapshot.
  for (const c of channelIdxs) {
    const channelId = snapshot.channels[c].ref.id;
    for (const subcategory of snapshot.audienceSubcategories) {
      if (subcategory.categoryIdx < 0) continue;
      for (const buyerKind of BUYER_KINDS) {
        for (const event of events) {
          if (event.seasonIdx !== subcategory.seasonIdx) continue;
          for (let k = event.perfFrom; k < event.perfTo; k++) {
            const p = snapshot.eventPerformances[k];
            const key = `${p}|${c}|${subcategory.categoryIdx}`;
            if (selling.has(key) || unpriced.has(p)) continue;
            const status = performanceStatusOnly(snapshot, {
              performanceId: snapshot.perf.ids[p],
              channelId,
              buyerKind,
              audienceSubcategoryId: subcategory.ref.id,
              at,
            });
            if (status === 'ON_SALE' || status === 'SOON_ON_SALE') selling.add(key);
          }
        }
      }
    }
  }
  return selling;
}

/**
 * Per channel, the performances of the organisation whose sale windows still to come at `at`
 * would be gained, or lost, by going from `before` to `after` — counting only the windows the
 * engine would sell in. Performances are the same in both (one configuration, compiled twice).
 */
export function validationImpact(before: Snapshot, after: Snapshot, query: ImpactQuery): ChannelImpact[] {
  const org = after.index.organization.get(query.organizationId);
  if (!org) return [];
  const channels = after.channels.filter((c) => query.channelIds === null || query.channelIds.includes(c.ref.id));
  const channelIdxs = channels.map((c) => c.idx);
  const was = sellingLanes(before, org.idx, channelIdxs, query.at, query.isPriced);
  const will = sellingLanes(after, org.idx, channelIdxs, query.at, query.isPriced);
  const categoryCode = (id: Id) => after.index.audienceCategory.get(id)?.ref.code ?? id;

  /** Windows still to come of the lanes that sell: per channel id, `open|close` → category codes. */
  const windowsOf = (snapshot: Snapshot, selling: Set<string>, eventId: Id) =>
    saleWindows(snapshot, { eventId, at: query.at }).map((w) => {
      const p = snapshot.index.performance.get(w.performance.id)!;
      const byChannel = new Map<Id, Map<string, Set<string>>>();
      for (const lane of w.windows) {
        const c = snapshot.index.channel.get(lane.channel.id)!.idx;
        const a = snapshot.index.audienceCategory.get(lane.audienceCategory.id)!.idx;
        if (!selling.has(`${p}|${c}|${a}`)) continue;
        for (const interval of lane.intervals) {
          if (Date.parse(interval.closesAt) <= query.at) continue;
          const byInterval = byChannel.get(lane.channel.id) ?? new Map<string, Set<string>>();
          const key = `${interval.opensAt}|${interval.closesAt}`;
          byInterval.set(key, (byInterval.get(key) ?? new Set<string>()).add(categoryCode(lane.audienceCategory.id)));
          byChannel.set(lane.channel.id, byInterval);
        }
      }
      return { performance: w.performance, startsAt: w.startsAt, byChannel };
    });

  /** The windows (and categories) of `to` missing from `from`. */
  const missing = (from: Map<string, Set<string>> | undefined, to: Map<string, Set<string>> | undefined): ImpactWindow[] => {
    const changes: ImpactWindow[] = [];
    for (const [key, categories] of to ?? []) {
      const absent = [...categories].filter((c) => !from?.get(key)?.has(c));
      if (absent.length > 0) {
        const [opensAt, closesAt] = key.split('|');
        changes.push({ opensAt, closesAt, categories: absent.sort() });
      }
    }
    return changes.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  };

  const result = new Map(channels.map((c) => [c.ref.id, { channel: c.ref, gained: [] as ImpactEntry[], lost: [] as ImpactEntry[] }]));
  for (const event of after.events) {
    if (event.orgIdx !== org.idx) continue;
    const previous = windowsOf(before, was, event.ref.id);
    const next = windowsOf(after, will, event.ref.id);
    next.forEach((now, k) => {
      const then = previous[k];
      for (const [channelId, entry] of result) {
        const gained = missing(then.byChannel.get(channelId), now.byChannel.get(channelId));
        const lost = missing(now.byChannel.get(channelId), then.byChannel.get(channelId));
        const base = { performance: now.performance, event: event.ref, startsAt: now.startsAt };
        if (gained.length > 0) entry.gained.push({ ...base, opensAt: gained[0].opensAt, windows: gained });
        if (lost.length > 0) entry.lost.push({ ...base, opensAt: lost[0].opensAt, windows: lost });
      }
    });
  }
  const byOpening = (a: ImpactEntry, b: ImpactEntry) => a.opensAt.localeCompare(b.opensAt) || (a.startsAt ?? '').localeCompare(b.startsAt ?? '');
  return [...result.values()].filter((c) => c.gained.length > 0 || c.lost.length > 0).map((c) => ({ ...c, gained: c.gained.sort(byOpening), lost: c.lost.sort(byOpening) }));
}

/** A draft calendar or activity profile, named. */
export interface DraftRef {
  type: 'salesCalendar' | 'activityProfile';
  id: Id;
  code: string;
  name: string;
}

/**
 * The draft calendars assigned to the event on the channel and the draft activity profiles of the
 * organisation granting the channel for the event: the drafts that may change a lane's answer
 * (the explanation then treats each one alone as validated and keeps those that do).
 */
export function draftsReaching(config: ConfigurationInput, event: ConfigurationInput['events'][number], channelId: Id): DraftRef[] {
  const season = config.seasons.find((s) => s.id === event.seasonId);
  const calendarIds = new Set(event.calendarAssignments.filter((a) => a.allChannels || a.salesChannelIds.includes(channelId)).map((a) => a.salesCalendarId));
  const calendars = config.salesCalendars.filter((c) => c.state === 'draft' && calendarIds.has(c.id));
  const profiles = config.activityProfiles.filter(
    (p) => p.state === 'draft' && p.organizationId === season?.organizationId && p.salesChannelIds.includes(channelId) && (p.allEvents || p.events.some((e) => e.eventId === event.id)),
  );
  return [
    ...calendars.map((c) => ({ type: 'salesCalendar' as const, id: c.id, code: c.code, name: c.name })),
    ...profiles.map((p) => ({ type: 'activityProfile' as const, id: p.id, code: p.code, name: p.name })),
  ];
}
