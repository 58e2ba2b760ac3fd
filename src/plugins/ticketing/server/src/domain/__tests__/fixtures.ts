/**
 * A small hand-written configuration: the manual's "Carmen" examples (docs/sales-rules.md §3).
 * Times: Europe/Paris is UTC+2 in summer (until 2027-10-31), UTC+1 in winter.
 */
import type { ActivityProfileInput, CalendarAssignmentInput, ConfigurationInput, PerformanceInput, ProductProfileInput, SalesCalendarInput, SalesPeriodInput } from '../model';

export const ids = {
  org: 'org-opera',
  otherOrg: 'org-festival',
  web: 'ch-web',
  guichet: 'ch-guichet',
  tel: 'ch-tel',
  website: 'pos-site',
  counter: 'pos-counter',
  festivalSite: 'pos-festival',
  abonne: 'cat-abo',
  occasionnel: 'cat-occ',
  aboPlein: 'sub-abo-plein',
  occPlein: 'sub-occ-plein',
  occJeune: 'sub-occ-26',
  cat1: 'seat-1',
  cat2: 'seat-2',
  normal: 'tt-normal',
  reduit: 'tt-reduit',
  season: 'season-2027',
  carmen: 'ev-carmen',
  tosca: 'ev-tosca',
  p12: 'perf-carmen-12',
  p13: 'perf-carmen-13',
  p14: 'perf-carmen-14',
  tosca1: 'perf-tosca-1',
  calendar: 'cal-abo-puis-tous',
  period1: 'period-1',
  period2: 'period-2',
  profile: 'ap-web-guichet',
  subscription: 'prod-abo',
  productProfile: 'pp-abo',
} as const;

export function period(id: string, over: Partial<SalesPeriodInput> = {}): SalesPeriodInput {
  return {
    id,
    name: id,
    opening: { kind: 'absolute', at: '2027-06-01T08:00:00Z' },
    closing: { kind: 'none' },
    audienceCategoryIds: [ids.abonne, ids.occasionnel],
    ...over,
  };
}

export function calendar(id: string, periods: SalesPeriodInput[], over: Partial<SalesCalendarInput> = {}): SalesCalendarInput {
  return { id, code: id.toUpperCase(), name: id, organizationId: ids.org, state: 'validated', periods, ...over };
}

export function activityProfile(id: string, over: Partial<ActivityProfileInput> = {}): ActivityProfileInput {
  return {
    id,
    code: id.toUpperCase(),
    name: id,
    organizationId: ids.org,
    state: 'validated',
    buyerKind: 'public',
    allEvents: true,
    events: [],
    allAudienceSubcategories: true,
    audienceSubcategoryIds: [],
    allSeatCategories: true,
    seatCategoryIds: [],
    allTariffTypes: true,
    tariffTypeIds: [],
    salesChannelIds: [ids.web, ids.guichet],
    ...over,
  };
}

export function productProfile(id: string, over: Partial<ProductProfileInput> = {}): ProductProfileInput {
  return {
    id,
    code: id.toUpperCase(),
    name: id,
    organizationId: ids.org,
    state: 'validated',
    buyerKind: 'public',
    saleStart: '2027-05-01T08:00:00Z',
    saleEnd: '2027-09-30T22:00:00Z',
    allAudienceSubcategories: true,
    audienceSubcategoryIds: [],
    minQuantity: null,
    maxQuantity: null,
    productIds: [ids.subscription],
    salesChannelIds: [ids.web],
    ...over,
  };
}

export function performance(id: string, startsAt: string, over: Partial<PerformanceInput> = {}): PerformanceInput {
  return { id, code: id.toUpperCase(), eventId: ids.carmen, startsAt, endsAt: null, state: 'running', ...over };
}

export const allChannels: CalendarAssignmentInput = { salesCalendarId: ids.calendar, allChannels: true, salesChannelIds: [] };

/** The "subscribers first, then everyone" calendar of §3. */
export function aboPuisTous(): SalesCalendarInput {
  return calendar(
    ids.calendar,
    [
      period(ids.period1, {
        name: 'Abonnés',
        opening: { kind: 'absolute', at: '2027-06-01T08:00:00Z' }, // 10:00 Paris
        closing: { kind: 'atPerformance' },
        audienceCategoryIds: [ids.abonne],
      }),
      period(ids.period2, {
        name: 'Tout public',
        opening: { kind: 'absolute', at: '2027-07-01T08:00:00Z' }, // 10:00 Paris
        closing: { kind: 'relative', days: 0, hours: 2 },
        audienceCategoryIds: [ids.occasionnel],
      }),
    ],
    { code: 'ABO-PUIS-TOUS' },
  );
}

/** §3 "subscribers first" setup; every other test starts from it and changes one thing. */
export function carmenConfig(): ConfigurationInput {
  return {
    timeZone: 'Europe/Paris',
    organizations: [
      { id: ids.org, code: 'OPERA', name: 'Opéra', salesChannelIds: [ids.web, ids.guichet, ids.tel] },
      { id: ids.otherOrg, code: 'FESTIVAL', name: 'Festival', salesChannelIds: [ids.web] },
    ],
    salesChannels: [
      { id: ids.web, code: 'WEB', name: 'Internet', type: 'internet', external: false, active: true },
      { id: ids.guichet, code: 'GUICHET', name: 'Guichet', type: 'boxOffice', external: false, active: true },
      { id: ids.tel, code: 'TELEPHONE', name: 'Téléphone', type: 'phone', external: false, active: true },
    ],
    pointsOfSale: [
      { id: ids.website, code: 'SITE', name: 'Site', organizationId: ids.org, salesChannelId: ids.web, active: true },
      { id: ids.counter, code: 'COMPTOIR', name: 'Comptoir', organizationId: ids.org, salesChannelId: ids.guichet, active: true },
      { id: ids.festivalSite, code: 'SITE-FESTIVAL', name: 'Site festival', organizationId: ids.otherOrg, salesChannelId: ids.web, active: true },
    ],
    audienceCategories: [
      { id: ids.abonne, code: 'ABONNE', name: 'Abonné' },
      { id: ids.occasionnel, code: 'OCCASIONNEL', name: 'Occasionnel' },
    ],
    audienceSubcategories: [
      { id: ids.aboPlein, code: 'ABO-PLEIN', name: 'Abonné plein tarif', audienceCategoryId: ids.abonne, seasonId: ids.season },
      { id: ids.occPlein, code: 'OCC-PLEIN', name: 'Plein tarif', audienceCategoryId: ids.occasionnel, seasonId: ids.season },
      { id: ids.occJeune, code: 'OCC-26', name: 'Moins de 26 ans', audienceCategoryId: ids.occasionnel, seasonId: ids.season },
    ],
    seatCategories: [
      { id: ids.cat1, code: 'CAT1', name: 'Catégorie 1', rank: 1 },
      { id: ids.cat2, code: 'CAT2', name: 'Catégorie 2', rank: 2 },
    ],
    tariffTypes: [
      { id: ids.normal, code: 'NORMAL', name: 'Normal', seasonId: ids.season },
      { id: ids.reduit, code: 'REDUIT', name: 'Réduit', seasonId: ids.season },
    ],
    seasons: [{ id: ids.season, code: 'S2027', name: 'Saison 2027-2028', organizationId: ids.org, startsOn: '2027-09-01', endsOn: '2028-07-31', state: 'running' }],
    activities: [{ id: 'act-opera', code: 'OPERA', name: 'Opéra', seasonId: ids.season }],
    events: [
      {
        id: ids.carmen,
        code: 'CARMEN',
        name: 'Carmen',
        kind: 'event',
        seasonId: ids.season,
        activityId: 'act-opera',
        closingToleranceMinutes: 30,
        venueName: 'Grande salle',
        state: 'running',
        calendarAssignments: [allChannels],
      },
    ],
    performances: [
      performance(ids.p12, '2027-10-12T18:00:00Z'), // 20:00 Paris
      performance(ids.p13, '2027-10-13T18:00:00Z'),
      performance(ids.p14, '2027-10-14T18:00:00Z'),
    ],
    products: [{ id: ids.subscription, code: 'ABO-4', name: 'Abonnement 4 spectacles', type: 'subscription', seasonId: ids.season, state: 'running' }],
    salesCalendars: [aboPuisTous()],
    activityProfiles: [activityProfile(ids.profile, { events: [] })],
    productProfiles: [productProfile(ids.productProfile)],
  };
}

/** Deep copy, so each test changes its own configuration. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
