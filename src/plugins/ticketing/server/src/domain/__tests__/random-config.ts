/**
 * Small random configurations for the property tests: every state, rule kind, assignment
 * kind and profile shape appears, on a few objects so that collisions happen often.
 */
import { mulberry32 } from './prng';
import type { ActivityProfileInput, CatalogueState, ClosingRule, ConfigurationInput, ConfigurationState, OpeningRule, SalesCalendarInput } from '../model';

export type Rng = () => number;

/** The benchmark's seeded PRNG (mulberry32), so a failing seed reproduces. */
export const rng: (seed: number) => Rng = mulberry32;

const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const chance = (r: Rng, p: number) => r() < p;
const subset = <T>(r: Rng, items: readonly T[], p = 0.5): T[] => items.filter(() => chance(r, p));

export const T0 = Date.parse('2027-02-01T00:00:00Z');
export const SPAN = 120 * 86_400_000;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const mostlyRunning = (r: Rng): CatalogueState => (chance(r, 0.8) ? 'running' : pick(r, ['suspended', 'closed', 'preparing'] as const));
const mostlyValidated = (r: Rng): ConfigurationState => (chance(r, 0.75) ? 'validated' : pick(r, ['draft', 'archived'] as const));

function opening(r: Rng): OpeningRule {
  return chance(r, 0.5) ? { kind: 'absolute', at: iso(T0 + Math.floor((r() * SPAN) / HOUR) * HOUR) } : { kind: 'relative', days: Math.floor(r() * 40), hours: Math.floor(r() * 30) + 1 };
}
function closing(r: Rng): ClosingRule {
  switch (Math.floor(r() * 4)) {
    case 0:
      return { kind: 'none' };
    case 1:
      return { kind: 'atPerformance' };
    case 2:
      return { kind: 'absolute', at: iso(T0 + Math.floor((r() * SPAN) / HOUR) * HOUR) };
    default:
      return { kind: 'relative', days: Math.floor(r() * 5), hours: Math.floor(r() * 10) };
  }
}

export function randomConfig(seed: number): ConfigurationInput {
  const r = rng(seed);
  const channels = ['c1', 'c2', 'c3'];
  const categories = ['a1', 'a2'];
  const subcategories = [
    { id: 'u1', a: 'a1' },
    { id: 'u2', a: 'a1' },
    { id: 'u3', a: 'a2' },
  ];
  const seats = ['k1', 'k2'];
  const tariffs = ['t1', 't2'];
  const events = ['e1', 'e2', 'e3'];
  const calendars: SalesCalendarInput[] = ['cal1', 'cal2', 'cal3'].map((id) => ({
    id,
    code: id.toUpperCase(),
    name: id,
    organizationId: 'o1',
    state: mostlyValidated(r),
    periods: Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({
      id: `${id}-p${i}`,
      name: null,
      opening: opening(r),
      closing: closing(r),
      audienceCategoryIds: subset(r, categories, 0.6),
    })),
  }));
  const performances = events.flatMap((e) =>
    Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => {
      const start = T0 + 20 * 86_400_000 + Math.floor(r() * (SPAN / HOUR)) * HOUR;
      return {
        id: `${e}-p${i}`,
        code: `${e}-p${i}`.toUpperCase(),
        eventId: e,
        startsAt: iso(start),
        endsAt: chance(r, 0.3) ? iso(start + (1 + Math.floor(r() * 4)) * HOUR) : null,
        state: mostlyRunning(r),
      };
    }),
  );
  const profiles: ActivityProfileInput[] = Array.from({ length: Math.floor(r() * 5) }, (_, i) => {
    const allEvents = chance(r, 0.4);
    const allSub = chance(r, 0.5);
    const allSeats = chance(r, 0.6);
    const allTariffs = chance(r, 0.6);
    return {
      id: `ap${i}`,
      code: `AP${i}`,
      name: `ap${i}`,
      organizationId: chance(r, 0.9) ? 'o1' : 'o2',
      state: mostlyValidated(r),
      buyerKind: chance(r, 0.8) ? 'public' : 'structure',
      allEvents,
      events: allEvents
        ? []
        : subset(r, events).map((e) => ({
            eventId: e,
            performanceIds: chance(r, 0.5)
              ? []
              : subset(
                  r,
                  performances.filter((p) => p.eventId === e).map((p) => p.id),
                ),
          })),
      allAudienceSubcategories: allSub,
      audienceSubcategoryIds: allSub
        ? []
        : subset(
            r,
            subcategories.map((u) => u.id),
          ),
      allSeatCategories: allSeats,
      seatCategoryIds: allSeats ? [] : subset(r, seats),
      allTariffTypes: allTariffs,
      tariffTypeIds: allTariffs ? [] : subset(r, tariffs),
      salesChannelIds: subset(r, channels, 0.6),
    };
  });
  return {
    timeZone: 'Europe/Paris',
    organizations: [
      { id: 'o1', code: 'O1', name: 'o1', salesChannelIds: channels.filter(() => chance(r, 0.9)) },
      { id: 'o2', code: 'O2', name: 'o2', salesChannelIds: channels },
    ],
    salesChannels: channels.map((id) => ({ id, code: id.toUpperCase(), name: id, type: 'internet' as const, external: false, active: chance(r, 0.9) })),
    pointsOfSale: [
      { id: 'pos1', code: 'POS1', name: 'pos1', organizationId: 'o1', salesChannelId: 'c1', active: chance(r, 0.8) },
      { id: 'pos2', code: 'POS2', name: 'pos2', organizationId: 'o2', salesChannelId: 'c2', active: true },
    ],
    audienceCategories: categories.map((id) => ({ id, code: id.toUpperCase(), name: id })),
    audienceSubcategories: subcategories.map((u) => ({ id: u.id, code: u.id.toUpperCase(), name: u.id, audienceCategoryId: u.a, seasonId: 's1' })),
    seatCategories: seats.map((id, i) => ({ id, code: id.toUpperCase(), name: id, rank: i + 1 })),
    tariffTypes: tariffs.map((id) => ({ id, code: id.toUpperCase(), name: id, seasonId: 's1' })),
    seasons: [{ id: 's1', code: 'S1', name: 's1', organizationId: 'o1', startsOn: null, endsOn: null, state: chance(r, 0.9) ? 'running' : 'suspended' }],
    activities: [],
    events: events.map((id) => ({
      id,
      code: id.toUpperCase(),
      name: id,
      kind: 'event' as const,
      seasonId: 's1',
      activityId: null,
      closingToleranceMinutes: pick(r, [0, 15, 30, 90]),
      venueName: null,
      state: mostlyRunning(r),
      calendarAssignments: subset(r, calendars, 0.6).map((cal) => {
        const all = chance(r, 0.5);
        return { salesCalendarId: cal.id, allChannels: all, salesChannelIds: all ? [] : subset(r, channels) };
      }),
    })),
    performances,
    products: [],
    salesCalendars: calendars,
    activityProfiles: profiles,
    productProfiles: [],
  };
}

/** Every question the property tests ask of a configuration at one instant. */
export function contexts(config: ConfigurationInput) {
  const out: { channelId?: string; pointOfSaleId?: string; buyerKind: 'public' | 'structure'; audienceSubcategoryId: string }[] = [];
  for (const u of config.audienceSubcategories) {
    for (const buyerKind of ['public', 'structure'] as const) {
      for (const c of config.salesChannels) out.push({ channelId: c.id, buyerKind, audienceSubcategoryId: u.id });
      out.push({ pointOfSaleId: 'pos1', buyerKind, audienceSubcategoryId: u.id });
    }
  }
  return out;
}
