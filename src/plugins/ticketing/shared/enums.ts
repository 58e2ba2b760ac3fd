/**
 * The enumerations of the sales setup, declared once: the engine's types (server/src/domain),
 * the website API's schemas and OpenAPI description (server/src/website), the admin pages and the
 * tests all read them from here. Pure constants (no Strapi, no React, no luxon).
 *
 * The content types' JSON schemas (server/src/content-types/<type>/schema.json) cannot import
 * them: a unit test (server/src/website/__tests__/enums.test.ts) fails when one drifts.
 */

/** Statuses of a sale question (sales-rules.md §1.4). */
// SOLD_OUT (issue #17) last: the timeline's wire format indexes this list.
export const SALE_STATUSES = ['ON_SALE', 'SOON_ON_SALE', 'SALES_ENDED', 'TEMPORARILY_UNAVAILABLE', 'NOT_ON_SALE', 'SOLD_OUT'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

/** Who buys: the general public or a structure (school, works council…). */
export const BUYER_KINDS = ['public', 'structure'] as const;
export type BuyerKind = (typeof BUYER_KINDS)[number];

/** Languages of messages (reasons, errors). The first is the default. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Non-dated products (sales-rules.md §2). */
export const PRODUCT_TYPES = ['subscription', 'package', 'freeProduct', 'service', 'voucher', 'membership'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export const EVENT_KINDS = ['event', 'visit'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const SALES_CHANNEL_TYPES = ['boxOffice', 'internet', 'phone', 'agency', 'api', 'other'] as const;
export type SalesChannelType = (typeof SALES_CHANNEL_TYPES)[number];

/** Catalogue objects (season, event, performance, product): only `running` can be sold. */
export const CATALOGUE_STATES = ['preparing', 'validated', 'running', 'suspended', 'closed', 'cancelled'] as const;
export type CatalogueState = (typeof CATALOGUE_STATES)[number];

/** Configuration objects (calendars, profiles): only `validated` has an effect. */
export const CONFIGURATION_STATES = ['draft', 'validated', 'archived'] as const;
export type ConfigurationState = (typeof CONFIGURATION_STATES)[number];

/**
 * Why an answer is not ON_SALE (or why a quantity is refused). The order in which an answer
 * lists them is the engine's (domain/explain.ts `REASON_RANK`, documented in docs/engine.md).
 */
export const REASON_CODES = [
  // the question names something the configuration does not know
  'UNKNOWN_PERFORMANCE',
  'UNKNOWN_PRODUCT',
  'UNKNOWN_CHANNEL',
  'UNKNOWN_POINT_OF_SALE',
  'UNKNOWN_AUDIENCE_SUBCATEGORY',
  'UNKNOWN_SEAT_CATEGORY',
  'UNKNOWN_TARIFF_TYPE',
  'CHANNEL_REQUIRED',
  'UNKNOWN_EVENT',
  'UNKNOWN_SEASON',
  // catalogue gate (§1.1)
  'SEASON_NOT_RUNNING',
  'SEASON_SUSPENDED',
  'EVENT_NOT_RUNNING',
  'EVENT_SUSPENDED',
  'PERFORMANCE_NOT_RUNNING',
  'PERFORMANCE_SUSPENDED',
  'PRODUCT_NOT_RUNNING',
  'PRODUCT_SUSPENDED',
  'INVALID_PERFORMANCE_DATE',
  'CHANNEL_INACTIVE',
  'CHANNEL_NOT_ENABLED_FOR_ORGANIZATION',
  'POINT_OF_SALE_INACTIVE',
  'POINT_OF_SALE_WRONG_CHANNEL',
  'POINT_OF_SALE_WRONG_ORGANIZATION',
  'AUDIENCE_SUBCATEGORY_OTHER_SEASON',
  'TARIFF_TYPE_OTHER_SEASON',
  // when: calendars (§1.2)
  'NO_VALIDATED_CALENDAR_FOR_CHANNEL',
  'NO_PERIOD_FOR_AUDIENCE_CATEGORY',
  'EMPTY_SALES_WINDOW',
  'NOT_YET_OPEN',
  'CLOSED',
  'PERFORMANCE_OVER',
  // what: profiles (§1.3, §2)
  'NO_VALIDATED_ACTIVITY_PROFILE',
  'NO_VALIDATED_PRODUCT_PROFILE',
  'CHANNEL_NOT_IN_PROFILE',
  'BUYER_KIND_MISMATCH',
  'EVENT_NOT_IN_PROFILE',
  'PERFORMANCE_NOT_IN_PROFILE',
  'SUBCATEGORY_NOT_IN_PROFILE',
  'SEAT_CATEGORY_NOT_IN_PROFILE',
  'TARIFF_TYPE_NOT_IN_PROFILE',
  'QUANTITY_BELOW_MIN',
  'QUANTITY_ABOVE_MAX',
  // prices (issue #18): where the organisation prices in the plugin
  'NO_PRICE',
  // capacity (issue #17): the window is open but nothing is left; the binding pool is named
  'SOLD_OUT',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Kinds of configuration object an answer's reasons and provenance link to. */
export const OBJECT_TYPES = [
  'organization',
  'salesChannel',
  'pointOfSale',
  'audienceCategory',
  'audienceSubcategory',
  'seatCategory',
  'tariffType',
  'season',
  'event',
  'performance',
  'product',
  'salesCalendar',
  'salesPeriod',
  'activityProfile',
  'productProfile',
] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];
