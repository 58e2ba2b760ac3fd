/**
 * Deterministic generator of a season for the engine benchmark (seeded PRNG).
 * At 10,000 performances: 500 events × 20 performances, 6 channels, 4 audience categories ×
 * 3 subcategories, 4 seat categories, 8 tariff types, 50 calendars of 3 periods (1–3 per
 * event, all channels or a selection), 40 activity profiles (all events / event selections /
 * performance selections / subcategory selections), everything running and validated but
 * a few drafts and suspended objects. Other sizes scale the events (20 performances each) and
 * keep the same shape: the calendars and the first events are the same at every size, and each
 * profile draws its attributes (channels, buyer kind, seat categories, tariff types,
 * subcategories) from a stream of its own, so only its selection of events (a tenth of them)
 * grows with the season.
 */
import type {
  ActivityProfileInput,
  CatalogueState,
  ClosingRule,
  ConfigurationInput,
  EventInput,
  OpeningRule,
  PerformanceInput,
  SalesCalendarInput,
} from '../src/plugins/ticketing/server/src/domain/model';
import { mulberry32 } from '../src/plugins/ticketing/server/src/domain/__tests__/prng';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const SEASON_START = Date.parse('2027-09-01T00:00:00Z');
const SEASON_DAYS = 300;
const iso = (ms: number) => new Date(ms).toISOString();

export const BENCH_IDS = {
  channels: ['ch-web', 'ch-guichet', 'ch-tel', 'ch-agence', 'ch-api', 'ch-borne'],
  subcategories: Array.from({ length: 12 }, (_, i) => `sub-${i}`),
};

/** Draws from one seeded stream. */
function drawing(r: () => number) {
  const int = (n: number) => Math.floor(r() * n);
  const chance = (p: number) => r() < p;
  const sample = <T>(items: readonly T[], n: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  };
  return { int, chance, sample };
}

export function generateSeason(performanceCount: number, seed = 42): ConfigurationInput {
  const { int, chance, sample } = drawing(mulberry32(seed));

  const channels = BENCH_IDS.channels;
  const categories = ['cat-abo', 'cat-occ', 'cat-adh', 'cat-inv'];
  const subcategories = BENCH_IDS.subcategories.map((id, i) => ({ id, categoryId: categories[Math.floor(i / 3)] }));
  const seats = ['seat-1', 'seat-2', 'seat-3', 'seat-4'];
  const tariffs = Array.from({ length: 8 }, (_, i) => `tt-${i}`);
  const eventCount = Math.max(1, Math.round(performanceCount / 20));

  const opening = (): OpeningRule =>
    chance(0.4) ? { kind: 'absolute', at: iso(SEASON_START - (10 + int(90)) * DAY + int(24) * HOUR) } : { kind: 'relative', days: 7 + int(90), hours: chance(0.2) ? int(12) : 0 };
  const closing = (): ClosingRule => {
    const k = int(10);
    if (k < 3) return { kind: 'none' };
    if (k < 6) return { kind: 'atPerformance' };
    if (k < 9) return { kind: 'relative', days: int(2), hours: 1 + int(6) };
    return { kind: 'absolute', at: iso(SEASON_START + int(SEASON_DAYS) * DAY) };
  };
  const salesCalendars: SalesCalendarInput[] = Array.from({ length: 50 }, (_, i) => ({
    id: `cal-${i}`,
    code: `CAL-${i}`,
    name: `Calendrier ${i}`,
    organizationId: 'org-1',
    state: i % 17 === 16 ? 'draft' : 'validated',
    periods: Array.from({ length: 3 }, (_, j) => ({
      id: `cal-${i}-p${j}`,
      name: `Période ${j + 1}`,
      opening: opening(),
      closing: closing(),
      audienceCategoryIds: sample(categories, 1 + int(3)),
    })),
  }));

  const state = (suspendedEvery: number, index: number): CatalogueState => (index % suspendedEvery === suspendedEvery - 1 ? 'suspended' : 'running');
  const events: EventInput[] = [];
  const performances: PerformanceInput[] = [];
  for (let e = 0; e < eventCount; e++) {
    const calendarCount = 1 + int(3);
    events.push({
      id: `ev-${e}`,
      code: `EV-${e}`,
      name: `Événement ${e}`,
      kind: chance(0.8) ? 'event' : 'visit',
      seasonId: 'season-1',
      activityId: null,
      closingToleranceMinutes: [0, 15, 30, 60][int(4)],
      venueName: null,
      state: state(97, e),
      calendarAssignments: sample(salesCalendars, calendarCount).map((cal) => {
        const all = chance(0.5);
        return { salesCalendarId: cal.id, allChannels: all, salesChannelIds: all ? [] : sample(channels, 1 + int(4)) };
      }),
    });
    const firstDay = int(SEASON_DAYS - 30);
    for (let p = 0; p < 20; p++) {
      const startsAt = SEASON_START + (firstDay + int(30)) * DAY + (17 + int(4)) * HOUR;
      performances.push({
        id: `perf-${e}-${p}`,
        code: `P-${e}-${p}`,
        eventId: `ev-${e}`,
        startsAt: iso(startsAt),
        endsAt: chance(0.5) ? iso(startsAt + (2 + int(2)) * HOUR) : null,
        state: state(211, e * 20 + p),
      });
    }
  }

  const activityProfiles: ActivityProfileInput[] = Array.from({ length: 40 }, (_, i): ActivityProfileInput => {
    const shape = i % 4; // 0 all events, 1 event selection, 2 performance selection, 3 subcategory selection
    // The profile's attributes: the same at every size. Its events: a tenth of the season's.
    const own = drawing(mulberry32(seed * 1000 + i));
    const allSeatCategories = own.chance(0.7);
    const seatCategoryIds = own.sample(seats, 2);
    const allTariffTypes = own.chance(0.7);
    const tariffTypeIds = own.sample(tariffs, 3);
    const salesChannelIds = own.sample(channels, 1 + own.int(3));
    const audienceSubcategoryIds = own.sample(BENCH_IDS.subcategories, 4);
    const selection = drawing(mulberry32(seed * 1000 + 500 + i));
    const selectedEvents = shape === 0 ? [] : selection.sample(events, Math.max(1, Math.round(eventCount / 10)));
    return {
      id: `ap-${i}`,
      code: `AP-${i}`,
      name: `Profil ${i}`,
      organizationId: 'org-1',
      state: i % 13 === 12 ? 'draft' : 'validated',
      buyerKind: i % 5 === 4 ? 'structure' : 'public',
      allEvents: shape === 0,
      events: selectedEvents.map((e) => ({
        eventId: e.id,
        performanceIds:
          shape === 2
            ? selection.sample(
                Array.from({ length: 20 }, (_, p) => `perf-${e.id.slice(3)}-${p}`),
                5,
              )
            : [],
      })),
      allAudienceSubcategories: shape !== 3,
      audienceSubcategoryIds: shape === 3 ? audienceSubcategoryIds : [],
      allSeatCategories,
      seatCategoryIds: allSeatCategories ? [] : seatCategoryIds,
      allTariffTypes,
      tariffTypeIds: allTariffTypes ? [] : tariffTypeIds,
      salesChannelIds,
    };
  });

  return {
    timeZone: 'Europe/Paris',
    organizations: [{ id: 'org-1', code: 'OPERA', name: 'Opéra', salesChannelIds: channels }],
    salesChannels: channels.map((id, i) => ({ id, code: id.toUpperCase(), name: id, type: 'internet', external: i > 3, active: true })),
    pointsOfSale: channels.map((id) => ({ id: `pos-${id}`, code: `POS-${id}`, name: id, organizationId: 'org-1', salesChannelId: id, active: true })),
    audienceCategories: categories.map((id) => ({ id, code: id.toUpperCase(), name: id })),
    audienceSubcategories: subcategories.map((u) => ({ id: u.id, code: u.id.toUpperCase(), name: u.id, audienceCategoryId: u.categoryId, seasonId: 'season-1' })),
    seatCategories: seats.map((id, i) => ({ id, code: id.toUpperCase(), name: id, rank: i + 1 })),
    tariffTypes: tariffs.map((id) => ({ id, code: id.toUpperCase(), name: id, seasonId: 'season-1' })),
    seasons: [{ id: 'season-1', code: 'S27', name: 'Saison 2027-2028', organizationId: 'org-1', startsOn: '2027-09-01', endsOn: '2028-07-31', state: 'running' }],
    activities: [],
    events,
    performances,
    products: [],
    salesCalendars,
    activityProfiles,
    productProfiles: [],
  };
}
