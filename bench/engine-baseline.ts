/**
 * The obvious implementation the engine is compared with (NOT part of the product):
 * every question walks the ConfigurationInput and recomputes each window with luxon.
 * Only id lookups are indexed, once, so the comparison measures the evaluation itself.
 * It covers what the benchmark asks (listing ON_SALE for a channel × subcategory).
 */
import { DateTime } from 'luxon';
import type { ConfigurationInput, PerformanceInput, SalesPeriodInput } from '../src/plugins/ticketing/server/src/domain/model';

export interface NaiveListed {
  performanceId: string;
  startsAt: number;
  opensAt: string;
  closesAt: string;
}

export function createNaiveEngine(config: ConfigurationInput) {
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((x) => [x.id, x]));
  const events = byId(config.events);
  const seasons = byId(config.seasons);
  const calendars = byId(config.salesCalendars);
  const channels = byId(config.salesChannels);
  const subcategories = byId(config.audienceSubcategories);
  const organizations = byId(config.organizations);
  const zone = config.timeZone;

  const relative = (startsAt: DateTime, days: number, hours: number) => startsAt.minus({ days }).minus({ hours });

  function interval(period: SalesPeriodInput, perf: PerformanceInput, toleranceMinutes: number): [number, number] | null {
    const start = DateTime.fromISO(perf.startsAt, { zone });
    const over = perf.endsAt ? DateTime.fromISO(perf.endsAt, { zone }) : start.startOf('day').plus({ days: 1 });
    const open = period.opening.kind === 'absolute' ? DateTime.fromISO(period.opening.at, { zone }) : relative(start, period.opening.days, period.opening.hours);
    let close: DateTime;
    switch (period.closing.kind) {
      case 'none':
        close = over;
        break;
      case 'atPerformance':
        close = start.plus({ minutes: toleranceMinutes });
        break;
      case 'absolute':
        close = DateTime.fromISO(period.closing.at, { zone });
        break;
      case 'relative':
        close = relative(start, period.closing.days, period.closing.hours);
        break;
    }
    const o = open.toMillis();
    const c = Math.min(close.toMillis(), over.toMillis());
    return c > o ? [o, c] : null;
  }

  function status(perf: PerformanceInput, channelId: string, buyerKind: string, subcategoryId: string, at: number): NaiveListed | null {
    const event = events.get(perf.eventId)!;
    const season = seasons.get(event.seasonId)!;
    const channel = channels.get(channelId)!;
    const sub = subcategories.get(subcategoryId)!;
    if (perf.state !== 'running' || event.state !== 'running' || season.state !== 'running' || !channel.active) return null;
    if (!organizations.get(season.organizationId)!.salesChannelIds.includes(channelId) || sub.seasonId !== season.id) return null;
    const granted = config.activityProfiles.some(
      (p) =>
        p.state === 'validated' &&
        p.organizationId === season.organizationId &&
        p.salesChannelIds.includes(channelId) &&
        p.buyerKind === buyerKind &&
        (p.allEvents || p.events.some((e) => e.eventId === event.id && (e.performanceIds.length === 0 || e.performanceIds.includes(perf.id)))) &&
        (p.allAudienceSubcategories || p.audienceSubcategoryIds.includes(subcategoryId)) &&
        (p.allSeatCategories || p.seatCategoryIds.length > 0) &&
        (p.allTariffTypes || p.tariffTypeIds.some((t) => config.tariffTypes.find((x) => x.id === t)?.seasonId === season.id)),
    );
    if (!granted) return null;
    const pieces: [number, number][] = [];
    const seen = new Set<string>();
    for (const assignment of event.calendarAssignments) {
      const cal = calendars.get(assignment.salesCalendarId);
      if (!cal || cal.state !== 'validated' || seen.has(cal.id)) continue;
      if (!assignment.allChannels && !assignment.salesChannelIds.includes(channelId)) continue;
      seen.add(cal.id);
      for (const period of cal.periods) {
        if (!period.audienceCategoryIds.includes(sub.audienceCategoryId)) continue;
        const piece = interval(period, perf, event.closingToleranceMinutes);
        if (piece) pieces.push(piece);
      }
    }
    pieces.sort((a, b) => a[0] - b[0]);
    let current: [number, number] | null = null;
    for (const piece of pieces) {
      if (current && piece[0] <= current[1]) current[1] = Math.max(current[1], piece[1]);
      else {
        if (current && at < current[1]) break;
        current = [piece[0], piece[1]];
      }
    }
    if (!current || !(current[0] <= at && at < current[1])) return null;
    return { performanceId: perf.id, startsAt: Date.parse(perf.startsAt), opensAt: new Date(current[0]).toISOString(), closesAt: new Date(current[1]).toISOString() };
  }

  return {
    listOnSale(channelId: string, buyerKind: string, subcategoryId: string, at: number): NaiveListed[] {
      const result: NaiveListed[] = [];
      for (const perf of config.performances) {
        const item = status(perf, channelId, buyerKind, subcategoryId, at);
        if (item) result.push(item);
      }
      return result.sort((a, b) => a.startsAt - b.startsAt || (a.performanceId < b.performanceId ? -1 : a.performanceId > b.performanceId ? 1 : 0));
    },
  };
}
