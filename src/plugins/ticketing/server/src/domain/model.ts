/**
 * The plain configuration data the engine compiles: exactly what the Strapi shell loads
 * from the database (see services/configuration-loader.ts), with relations flattened to ids.
 * Ids are Strapi documentIds; codes are the business identifiers editors type.
 * All instants are ISO-8601 strings in UTC (as Strapi stores datetimes).
 */

export type Id = string;

import type { BuyerKind, CatalogueState, ConfigurationState, EventKind, ProductType, SalesChannelType } from '../../../shared/enums';

/** The enumerations are declared once, in shared/enums.ts (schemas, engine and admin share them). */
export type { BuyerKind, CatalogueState, ConfigurationState, EventKind, ProductType, SalesChannelType };

export interface OrganizationInput {
  id: Id;
  code: string;
  name: string;
  /** Channels enabled for this organisation. */
  salesChannelIds: Id[];
}

export interface SalesChannelInput {
  id: Id;
  code: string;
  name: string;
  type: SalesChannelType;
  external: boolean;
  active: boolean;
}

export interface PointOfSaleInput {
  id: Id;
  code: string;
  name: string;
  organizationId: Id;
  salesChannelId: Id;
  active: boolean;
}

export interface AudienceCategoryInput {
  id: Id;
  code: string;
  name: string;
}

export interface AudienceSubcategoryInput {
  id: Id;
  code: string;
  name: string;
  audienceCategoryId: Id;
  seasonId: Id;
}

export interface SeatCategoryInput {
  id: Id;
  code: string;
  name: string;
  /** Display order (1 = first category). */
  rank: number;
}

export interface TariffTypeInput {
  id: Id;
  code: string;
  name: string;
  seasonId: Id;
}

export interface SeasonInput {
  id: Id;
  code: string;
  name: string;
  organizationId: Id;
  startsOn: string | null; // YYYY-MM-DD
  endsOn: string | null;
  state: CatalogueState;
}

export interface ActivityInput {
  id: Id;
  code: string;
  name: string;
  seasonId: Id;
}

/** "Attribution calendrier de vente": lives on the event. */
export interface CalendarAssignmentInput {
  salesCalendarId: Id;
  /** true = every channel; false = only salesChannelIds. */
  allChannels: boolean;
  salesChannelIds: Id[];
}

export interface EventInput {
  id: Id;
  code: string;
  name: string;
  kind: EventKind;
  seasonId: Id;
  activityId: Id | null;
  /** Minutes after the start during which `atPerformance` closing still sells. */
  closingToleranceMinutes: number;
  venueName: string | null;
  state: CatalogueState;
  calendarAssignments: CalendarAssignmentInput[];
}

export interface PerformanceInput {
  id: Id;
  code: string;
  eventId: Id;
  startsAt: string;
  endsAt: string | null;
  state: CatalogueState;
}

export type OpeningRule = { kind: 'absolute'; at: string } | { kind: 'relative'; days: number; hours: number };

export type ClosingRule = { kind: 'none' } | { kind: 'atPerformance' } | { kind: 'absolute'; at: string } | { kind: 'relative'; days: number; hours: number };

export interface SalesPeriodInput {
  /** Stable within its calendar (component id as a string). */
  id: Id;
  name: string | null;
  opening: OpeningRule;
  closing: ClosingRule;
  audienceCategoryIds: Id[];
}

export interface SalesCalendarInput {
  id: Id;
  code: string;
  name: string;
  organizationId: Id;
  state: ConfigurationState;
  periods: SalesPeriodInput[];
}

/** One selected event of an activity profile; empty performanceIds = all its performances. */
export interface ProfileEventSelectionInput {
  eventId: Id;
  performanceIds: Id[];
}

export interface ActivityProfileInput {
  id: Id;
  code: string;
  name: string;
  organizationId: Id;
  state: ConfigurationState;
  buyerKind: BuyerKind;
  allEvents: boolean;
  events: ProfileEventSelectionInput[];
  allAudienceSubcategories: boolean;
  audienceSubcategoryIds: Id[];
  allSeatCategories: boolean;
  seatCategoryIds: Id[];
  allTariffTypes: boolean;
  tariffTypeIds: Id[];
  salesChannelIds: Id[];
}

export interface ProductInput {
  id: Id;
  code: string;
  name: string;
  type: ProductType;
  seasonId: Id;
  state: CatalogueState;
}

export interface ProductProfileInput {
  id: Id;
  code: string;
  name: string;
  organizationId: Id;
  state: ConfigurationState;
  buyerKind: BuyerKind;
  saleStart: string | null;
  saleEnd: string | null;
  allAudienceSubcategories: boolean;
  audienceSubcategoryIds: Id[];
  minQuantity: number | null;
  maxQuantity: number | null;
  productIds: Id[];
  salesChannelIds: Id[];
}

export interface ConfigurationInput {
  /** IANA zone of the institution (plugin config `timeZone`, default Europe/Paris). */
  timeZone: string;
  organizations: OrganizationInput[];
  salesChannels: SalesChannelInput[];
  pointsOfSale: PointOfSaleInput[];
  audienceCategories: AudienceCategoryInput[];
  audienceSubcategories: AudienceSubcategoryInput[];
  seatCategories: SeatCategoryInput[];
  tariffTypes: TariffTypeInput[];
  seasons: SeasonInput[];
  activities: ActivityInput[];
  events: EventInput[];
  performances: PerformanceInput[];
  products: ProductInput[];
  salesCalendars: SalesCalendarInput[];
  activityProfiles: ActivityProfileInput[];
  productProfiles: ProductProfileInput[];
  /** What the price setup steps count (issue #18), loaded with the pricing setup; absent: those steps are not shown. */
  pricingSetup?: PricingSetupInput;
}

/** The pricing objects the setup path counts (« Étapes de paramétrage »): states and owners only. */
export interface PricingSetupInput {
  vatRates: number;
  /** Active payment and delivery methods and their channels (none = every channel). */
  paymentMethods: { id: string; salesChannelIds: string[] }[];
  deliveryMethods: { id: string; salesChannelIds: string[] }[];
  priceLevels: { seasonId: string }[];
  priceGrids: { seasonId: string; state: string }[];
  feeTables: { organizationId: string; kind: string; state: string }[];
}
