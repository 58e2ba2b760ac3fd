/**
 * The query parameters of the « Billetterie » admin routes (timeline, explain, impact, problems,
 * setup, iCalendar feed, the Tarifs page's revenue): one zod schema per route, parsed by the controller (controllers/timeline.ts)
 * with the same 400s as the website routes (inputs/query.ts: the parameter named, in the caller's
 * language; unknown, repeated or nested parameters refused). The services receive typed values.
 * Whether an id exists, and whether the operator may see it, is the service's question (perimeter first).
 */
import { z } from 'zod';
import { identifier, instant, integer, oneOf, parseQuery } from './query';

/** The admin page leaves out empty values; a hand-written URL may not: `at=` is the same as no `at`. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** `at`: an instant (ISO 8601, strict) or epoch milliseconds; absent → now (decided by the service). */
const at = z.preprocess(
  (value) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? new Date(Number(value)).toISOString() : value),
  instant('Instant of the question (ISO 8601 or epoch ms). Default: now.'),
);

/** A switch: `true`/`1` on, `false`/`0` off (default off). */
const flag = (description: string) => optional(oneOf(['true', 'false', '1', '0'], description).transform((value) => value === 'true' || value === '1'));

const MAX_COUNT = 999_999_999;

export const adminQuerySchemas = {
  timeline: z.strictObject({
    season: optional(identifier('Season (documentId); default: the running season in the operator’s perimeter.')),
    at: optional(at),
    includeDrafts: flag('Preview draft calendars and profiles as if validated.'),
    offset: optional(integer(0, MAX_COUNT, 'First performance of the answer (by start).')),
    limit: optional(integer(0, MAX_COUNT, 'How many performances (default: all).')),
  }),
  explain: z
    .strictObject({
      // `at` first: a malformed instant is named before what is missing (zod reports in this order).
      at: optional(at),
      performance: identifier('Performance (documentId).'),
      channel: identifier('Sales channel (documentId).'),
      category: optional(identifier('Audience category (documentId); or subcategory.')),
      subcategory: optional(identifier('Audience subcategory (documentId); or category.')),
      includeDrafts: flag('Also say what the drafts would change.'),
    })
    .superRefine((value, ctx) => {
      if (!value.category && !value.subcategory) ctx.addIssue({ code: 'custom', path: ['category'], message: 'required' });
    }),
  impact: z.strictObject({
    at: optional(at),
    type: oneOf(['salesCalendar', 'activityProfile'], 'What is validated.'),
    id: identifier('Its documentId.'),
  }),
  problems: z.strictObject({ season: optional(identifier('Season (documentId).')) }),
  setup: z.strictObject({ season: optional(identifier('Season (documentId).')) }),
  /** Billetterie › Tarifs: the season's maximum gross revenue (controllers/prices.ts). */
  revenue: z.strictObject({
    at: optional(at),
    tariffType: optional(identifier('Tariff type of the season (documentId); default: the full price.')),
    includeDrafts: flag('Count draft grids as validated.'),
  }),
  /** The capacity consistency check (controllers/consistency.ts). */
  consistency: z.strictObject({ performance: optional(identifier('Only this performance (documentId).')) }),
  ics: z.strictObject({
    season: optional(identifier('Season (documentId).')),
    channel: optional(identifier('Only this sales channel (documentId).')),
  }),
};

export type AdminRoute = keyof typeof adminQuerySchemas;
export type AdminQuery<R extends AdminRoute> = z.output<(typeof adminQuerySchemas)[R]>;

/** The route's parameters, or a 400 naming the first bad one. */
export const parseAdminQuery = <R extends AdminRoute>(route: R, query: unknown): AdminQuery<R> => parseQuery(adminQuerySchemas[route], query) as AdminQuery<R>;
