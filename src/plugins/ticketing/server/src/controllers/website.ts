import type { Context } from 'koa';
import { createHash } from 'crypto';
import { gzipSync } from 'zlib';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, uidOf } from '../constants';
import type { Snapshot } from '../domain';
import { bilingual, callerLanguage, fromAcceptLanguage } from '../errors';
import { LOCALES, type Locale } from '../../../shared/enums';
import * as answers from '../website/answers';
import { openApiDocument } from '../website/openapi';
import { seatingPlanAnswer } from '../website/seating-plan';
import { capacityOf, compileCapacity, seatStatuses, type CapacityUsage } from '../domain/capacity';
import { ZoneClock } from '../domain/time';
import type { DbRow } from '../strapi-types';
import {
  normalForm,
  quoteBodySchema,
  parseCatalog,
  parseOnSale,
  parsePathIdentifier,
  parsePerformanceAvailability,
  parsePerformancePrices,
  parsePerformanceStatus,
  parseProductStatus,
  parseProductsOnSale,
  parseSeatingPlan,
  type OnSaleParams,
} from '../website/params';

/** No pools (a performance outside the capacity context): no seat is reserved. */
const EMPTY_POOLS = compileCapacity({
  performanceId: '',
  startsAt: 0,
  clock: ZoneClock.for('UTC'),
  securityGauge: 0,
  commercialGauge: null,
  categories: [],
  seatsByCategory: {},
  killedSeats: [],
  planned: [],
  overrides: null,
  plannedLimits: null,
  performanceLimits: null,
});

/**
 * The website API (content API, /api/ticketing/…): read-only answers of the engine over the
 * sales-snapshot service's compiled snapshot.
 *
 * ETag = hash(configuration version, route, identifier, normalised query, instant asked).
 * When `at` is not given the instant is "now" truncated to the plugin's `nowGranularitySeconds`
 * (default 60) and the answer is computed AT that truncated instant, so an ETag always names
 * exactly one body. Configured instants are whole minutes (the admin enters minutes; relative
 * rules are days/hours; tolerances minutes), so with 60 s no status changes inside a bucket:
 * the truncation costs nothing in exactness. `Cache-Control: no-cache` makes caches revalidate
 * (a validation can change an answer at any moment; the ETag says when).
 */
/** The OpenAPI description never changes while the process runs: serialised once. */
const openApiText = Buffer.from(JSON.stringify(openApiDocument), 'utf8');

/** Whether `If-None-Match` names this ETag (weak or strong form), or is `*`. */
const matches = (header: string | undefined, etag: string) => !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim() === etag || t.trim() === etag.slice(2)));

/**
 * The answer's ETag with `Cache-Control: no-cache` (caches revalidate); true after answering 304
 * when the client already has it (nothing more to send), else the JSON content type is set.
 */
function notModified(ctx: Context, etag: string): boolean {
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', 'no-cache');
  if (matches(ctx.get('If-None-Match'), etag)) {
    ctx.status = 304;
    return true;
  }
  ctx.type = 'application/json; charset=utf-8';
  return false;
}

export const createWebsiteController = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as { nowGranularitySeconds?: number };
  const snapshots = () => strapi.plugin(PLUGIN_ID).service('sales-snapshot');

  /**
   * Finished answers by ETag key, for the current configuration version only (a new version
   * empties it; bounded): the same question asked by many visitors in the same minute is
   * computed, serialised and hashed once. This is not a second configuration cache — the
   * snapshot stays the sales-snapshot service's; this only remembers finished answers of it.
   */
  const MEMO_SIZE = 2000;
  let memoVersion = -1;
  /** Bodies are kept as UTF-8 bytes: written as they are, with no encoding per request. */
  const memo = new Map<string, { etag: string; body: Buffer }>();
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    if (map.size >= MEMO_SIZE) map.delete(map.keys().next().value as string);
    map.set(key, value);
    return value;
  };
  /** On-sale listings (the engine's part) by memo key without usage, for the current configuration version (issue #17). */
  const listings = new Map<string, answers.OnSaleListing>();
  /** Parsed query strings per route (parsing depends on nothing else; refused ones are not kept). */
  const parsed = new Map<string, { params: object; normal: string }>();
  /** The route's parameters and their normal form, parsed once per query string (a refused one throws and is not kept). */
  function parsedQuery<P extends object>(ctx: Context, route: string, parse: (q: Record<string, unknown>) => P): { params: P; normal: string } {
    const rawKey = `${route}?${ctx.querystring ?? ''}`;
    const known = parsed.get(rawKey);
    if (known) return known as { params: P; normal: string };
    const params = parse(ctx.query ?? {});
    return remember(parsed, rawKey, { params, normal: normalForm(params) }) as { params: P; normal: string };
  }
  /** Answers kept for the live availability route (issue #17), by question, usage reading and second. */
  const availabilityMemo = new Map<string, { etag: string; body: Buffer }>();

  /**
   * What every memoised website answer starts from: the parsed question, the path's identifier,
   * the snapshot (a new configuration version empties the memos), and the language of the reasons —
   * the asked `locale`, else the caller's (Accept-Language, then the answer varies on it). Not
   * callerLanguage(ctx): `locale` is already among the parsed parameters, and reading ctx.query again
   * would parse the query string with qs at every request (~3 % of the route's CPU).
   */
  async function question<P extends object>(ctx: Context, route: string, parse: (q: Record<string, unknown>) => P, pathParam: boolean) {
    const { params, normal } = parsedQuery(ctx, route, parse);
    const idOrCode = pathParam ? parsePathIdentifier('idOrCode', ctx.params?.idOrCode) : '';
    const { version, snapshot } = await snapshots().get();
    if (version !== memoVersion) {
      memo.clear();
      listings.clear();
      availabilityMemo.clear();
      memoVersion = version;
    }
    const asked = (params as { locale?: Locale }).locale;
    const locale = asked ?? fromAcceptLanguage(ctx.get('accept-language')) ?? LOCALES[0];
    if (asked === undefined) ctx.set('Vary', 'Accept-Language');
    return { params, normal, idOrCode, version, snapshot, locale };
  }

  async function respond<P extends object>(
    ctx: Context,
    route: string,
    parse: (q: Record<string, unknown>) => P,
    compute: (snapshot: Snapshot, params: P, at: number, idOrCode: string, locale: Locale, live?: unknown) => unknown,
    {
      usesInstant = true,
      pathParam = false,
      live,
    }: {
      usesInstant?: boolean;
      pathParam?: boolean;
      /**
       * What the answer needs beyond the configuration (issue #17: usage), and its part of the memo
       * key (none when `key` is empty). `baseKey`: the memo key without it (same version, question, instant).
       */
      live?: (snapshot: Snapshot, idOrCode: string, params: P, at: number, baseKey: string) => Promise<{ key: string; value: unknown } | null>;
    } = {},
  ) {
    const { params, normal, idOrCode, version, snapshot, locale } = await question(ctx, route, parse, pathParam);
    const granularity = Math.max(1, settings()?.nowGranularitySeconds ?? 60) * 1000;
    const at = (params as { at?: number }).at ?? Math.floor(Date.now() / granularity) * granularity;
    const baseKey = `${version}|${route}|${idOrCode}|${normal}|${usesInstant ? at : ''}|${locale}`;
    const extra = live ? await live(snapshot, idOrCode, params as P, at, baseKey) : null;
    const key = extra?.key ? `${baseKey}|${extra.key}` : baseKey;
    let answer = memo.get(key);
    if (!answer) {
      let body: Buffer;
      try {
        body = Buffer.from(JSON.stringify(compute(snapshot, params as P, at, idOrCode, locale, extra?.value)), 'utf8');
      } catch (error) {
        // The parameters were validated above; a RangeError of the engine would still be the caller's input.
        if (error instanceof RangeError) throw new errors.ValidationError(error.message);
        throw error;
      }
      answer = remember(memo, key, { etag: `W/"${createHash('sha1').update(key).digest('base64url')}"`, body });
    }
    if (notModified(ctx, answer.etag)) return;
    ctx.body = answer.body;
  }

  /**
   * The seating plan of a running performance (issue 16): read from the database (not from the
   * sales snapshot), once per configuration version (every write and transition bumps it), kept
   * as bytes with its ETag — and gzipped once, so that a 20,000-seat plan (a few MB) is not
   * compressed again for every visitor.
   */
  const NO_USAGE: CapacityUsage = { taken: new Map() };
  const plans = new Map<string, { etag: string; body: Buffer; performanceId: string; killed: string[] }>();
  /** The last full answer (plan + seat statuses) per performance: reused (bytes, gzip) while the statuses do not change. */
  const livePlans = new Map<string, { etag: string; body: Buffer; gzip: Buffer | null }>();
  let plansVersion = -1;
  async function seatingPlan(ctx: Context) {
    parseSeatingPlan(ctx.query ?? {});
    const idOrCode = parsePathIdentifier('idOrCode', ctx.params?.idOrCode);
    // The sales snapshot's version: checked against the database at most every VERSION_CHECK_MS (not on every request).
    const { version } = await snapshots().get();
    if (version !== plansVersion) {
      plans.clear();
      plansVersion = version;
    }
    let answer = plans.get(idOrCode);
    if (!answer) {
      const populate = { logicalConfiguration: { select: ['id'] }, event: { select: ['state'], populate: { logicalConfiguration: { select: ['id'] } } } };
      const rows: DbRow[] = await strapi.db
        .query(uidOf('performance'))
        .findMany({ where: { $or: [{ documentId: idOrCode }, { code: idOrCode }] }, select: ['documentId', 'code', 'state'], populate, limit: 2 });
      const performance = rows.find((r) => r.documentId === idOrCode) ?? rows[0];
      const logicalId = performance?.logicalConfiguration?.id ?? performance?.event?.logicalConfiguration?.id;
      const logical: DbRow | null = logicalId
        ? await strapi.db
            .query(uidOf('logical-configuration'))
            .findOne({ where: { id: logicalId, state: 'validated' }, select: ['code', 'name', 'layout'], populate: { physicalConfiguration: { select: ['plan'] } } })
        : null;
      if (!performance || performance.state !== 'running' || performance.event?.state !== 'running' || !logical) {
        throw new errors.NotFoundError(
          bilingual(`séance inconnue, pas en exploitation ou sans plan de salle : « ${idOrCode} »`, `Unknown performance, not running or without a seating plan: "${idOrCode}"`),
          { code: 'NOT_FOUND', parameter: 'idOrCode', value: idOrCode },
        );
      }
      const categories: DbRow[] = await strapi.db.query(uidOf('seat-category')).findMany({ select: ['code', 'name', 'rank'] });
      const body = Buffer.from(
        JSON.stringify(
          seatingPlanAnswer({
            performance: { documentId: performance.documentId, code: performance.code },
            logical: { code: logical.code, name: logical.name, layout: logical.layout ?? null },
            plan: logical.physicalConfiguration?.plan ?? null,
            categories: categories.map((c) => ({ code: c.code, name: c.name, rank: c.rank ?? 0 })),
          }),
        ),
        'utf8',
      );
      const etag = createHash('sha1').update(`${version}|seating-plan|${idOrCode}`).digest('base64url');
      const killed = (logical.layout as { killedSeats?: string[] } | null)?.killedSeats ?? [];
      answer = remember(plans, idOrCode, { etag, body, performanceId: performance.documentId as string, killed });
    }
    // Seat statuses (issue #17): live, read through the capacity service's 250 ms cache (usage and
    // held seats); the instant is the end of the current second. The plan part is cached bytes: the statuses are
    // appended to its `data`, and the ETag hashes the plan's identity and the statuses' bytes.
    const { snapshot } = await snapshots().get();
    const pc = capacityOf(snapshot).performances.get(answer.performanceId);
    const service = strapi.plugin(PLUGIN_ID).service('capacity');
    const [usage, held] = await Promise.all([pc ? service.usageCached(answer.performanceId) : NO_USAGE, service.heldSeatsCached(answer.performanceId)]);
    // The end of the current second: a release recorded in this second (at its millisecond) shows at once.
    const at = Math.ceil(Date.now() / 1000) * 1000;
    const statuses = Buffer.from(JSON.stringify(seatStatuses(pc ?? EMPTY_POOLS, usage, held, answer.killed, at)), 'utf8');
    const etag = `W/"${createHash('sha1').update(answer.etag).update(statuses).digest('base64url')}"`;
    let full = livePlans.get(idOrCode);
    if (!full || full.etag !== etag) {
      const body = Buffer.concat([answer.body.subarray(0, answer.body.length - 2), Buffer.from(',"seatStatuses":'), statuses, Buffer.from('}}')]);
      full = remember(livePlans, idOrCode, { etag, body, gzip: body.length > 1024 ? gzipSync(body) : null });
    }
    ctx.set('Vary', 'Accept-Encoding');
    if (notModified(ctx, full.etag)) return;
    if (full.gzip && /\bgzip\b/.test(ctx.get('Accept-Encoding'))) {
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = full.gzip;
    } else ctx.body = full.body;
  }

  /**
   * The usage of a performance that has pools (issue #17), for SOLD_OUT in the sale-status answers;
   * nothing (no read, the same memo key as before) for a performance without a logical configuration.
   */
  async function liveUsage(snapshot: Snapshot, idOrCode: string): Promise<{ key: string; value: unknown } | null> {
    let performanceId: string;
    try {
      performanceId = answers.performanceIdOf(snapshot, idOrCode);
    } catch {
      return null; // the answer itself reports the unknown performance
    }
    if (!capacityOf(snapshot).performances.has(performanceId)) return null;
    const { usage, stamp } = await strapi.plugin(PLUGIN_ID).service('capacity').usageStamped(performanceId);
    return { key: `u${stamp}`, value: usage };
  }

  /**
   * The on-sale listing's usage (issue #17): nothing at all where no performance has pools; else the
   * page is listed once per question (kept by its memo key) and the usage of its performances that
   * are on sale and have pools is read in one go through the 250 ms cache; its stamp joins the memo
   * key only when there are such performances.
   */
  async function onSaleUsage(snapshot: Snapshot, _idOrCode: string, params: OnSaleParams, at: number, baseKey: string): Promise<{ key: string; value: unknown } | null> {
    if (capacityOf(snapshot).performances.size === 0) return null;
    const listing = listings.get(baseKey) ?? remember(listings, baseKey, answers.onSaleListing(snapshot, params, at));
    const pooled = answers.onSalePooled(snapshot, listing);
    if (pooled.length === 0) return { key: '', value: { listing } };
    const { usages, stamp } = await strapi.plugin(PLUGIN_ID).service('capacity').usageMany(pooled);
    return { key: `u${stamp}`, value: { listing, usages } };
  }

  /**
   * GET /performances/:idOrCode/availability (issue #17): live, not kept by configuration version
   * alone (holds change it): usage read through the capacity service's 250 ms cache, whose stamp
   * names each reading. Answers are kept per question, usage reading and second (`availabilityMemo`):
   * the first request of a second computes the answer at its own instant (`meta.at`) and the next
   * ones of that second, with the same usage reading, get the same bytes. Configured instants
   * (windows, scheduled releases) are whole minutes, so none falls inside a second after its first
   * request; a hold or « release now » in this process gives a new usage reading, hence a fresh
   * answer at once. With `at` given, the answer is for that instant. The ETag hashes the body.
   */
  async function availability(ctx: Context) {
    const { params, normal, idOrCode, snapshot, locale } = await question(ctx, 'performance-availability', parsePerformanceAvailability, true);
    answers.performanceIdOf(snapshot, idOrCode); // an unknown performance: 404 naming it, before any usage read
    const live = await liveUsage(snapshot, idOrCode);
    const usage = (live?.value as CapacityUsage | undefined) ?? NO_USAGE;
    const now = Date.now();
    const key = `${idOrCode}|${normal}|${params.at ?? Math.floor(now / 1000)}|${locale}|${live?.key ?? ''}`;
    let answer = availabilityMemo.get(key);
    if (!answer) {
      const fewLeft = (strapi.config.get(`plugin::${PLUGIN_ID}`) as { availabilityFewLeft?: number })?.availabilityFewLeft ?? 0;
      const body = Buffer.from(JSON.stringify(answers.performanceAvailability(snapshot, idOrCode, params, params.at ?? now, locale, usage, fewLeft)), 'utf8');
      answer = remember(availabilityMemo, key, { etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`, body });
    }
    if (notModified(ctx, answer.etag)) return;
    ctx.body = answer.body;
  }

  return {
    availability,
    seatingPlan,
    onSale: (ctx: Context) =>
      respond(
        ctx,
        'on-sale',
        parseOnSale,
        (s, p, at, _id, locale, live) => {
          const { listing, usages } = (live ?? {}) as { listing?: answers.OnSaleListing; usages?: Map<string, CapacityUsage> };
          return answers.onSale(s, p, at, locale, usages, listing);
        },
        { live: onSaleUsage },
      ),
    performanceSaleStatus: (ctx: Context) =>
      respond(ctx, 'performance-sale-status', parsePerformanceStatus, (s, p, at, id, locale, usage) => answers.performanceSaleStatus(s, id, p, at, locale, usage as CapacityUsage | undefined), {
        pathParam: true,
        live: liveUsage,
      }),
    productsOnSale: (ctx: Context) => respond(ctx, 'products-on-sale', parseProductsOnSale, (s, p, at) => answers.productsOnSale(s, p, at)),
    productSaleStatus: (ctx: Context) => respond(ctx, 'product-sale-status', parseProductStatus, (s, p, at, id, locale) => answers.productSaleStatus(s, id, p, at, locale), { pathParam: true }),
    performancePrices: (ctx: Context) => respond(ctx, 'performance-prices', parsePerformancePrices, (s, p, at, id) => answers.performancePrices(s, id, p, at), { pathParam: true }),
    /** POST /quotes: a read-only computation (nothing is held or written); 400 naming each bad line or field. */
    quote: async (ctx: Context) => {
      const parsed = quoteBodySchema.safeParse((ctx.request as { body?: unknown }).body ?? {});
      const locale = callerLanguage(ctx);
      if (!parsed.success) {
        const issues = parsed.error.issues;
        const path = (i: (typeof issues)[number]) => i.path.map(String);
        throw new errors.ValidationError(issues.map((i) => `${path(i).join('.') || 'body'} : ${i.message}`).join(' ; '), {
          code: 'INVALID_QUOTE',
          errors: issues.map((i) => ({ path: path(i), message: i.message, name: 'ValidationError' })),
        });
      }
      const body = parsed.data;
      const { snapshot } = await snapshots().get();
      const at = body.at ? Date.parse(body.at) : Date.now();
      ctx.set('Cache-Control', 'no-store');
      ctx.body = answers.quoteAnswer(snapshot, body, at, body.locale ?? locale);
    },
    catalog: (ctx: Context) => respond(ctx, 'catalog', parseCatalog, (s, p) => answers.catalog(s, p), { usesInstant: false }),
    openapi: (ctx: Context) => {
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = openApiText;
    },
  };
};

/** One website controller (and its memo) per Strapi instance, shared by the routes' controllers. */
const instances = new WeakMap<Core.Strapi, ReturnType<typeof createWebsiteController>>();
const websiteOf = (strapi: Core.Strapi) => {
  let website = instances.get(strapi);
  if (!website) instances.set(strapi, (website = createWebsiteController({ strapi })));
  return website;
};

/**
 * The website routes' controllers, one per route, whose actions are named `find` / `findOne`:
 * Strapi lets read-only API tokens through only on actions whose name ends so
 * (@strapi/admin's content-api-token strategy, `isReadScope`). Permission names are then
 * `plugin::ticketing.<controller>.<action>` (routes/content-api.ts WEBSITE_ACTIONS).
 */
type Handler = (ctx: Context) => unknown;
const read =
  (action: 'find' | 'findOne', pick: (w: ReturnType<typeof createWebsiteController>) => Handler) =>
  ({ strapi }: { strapi: Core.Strapi }) => ({ [action]: (ctx: Context) => pick(websiteOf(strapi))(ctx) });

export const websiteControllers = {
  'on-sale': read('find', (w) => w.onSale),
  'performance-sale-status': read('findOne', (w) => w.performanceSaleStatus),
  'products-on-sale': read('find', (w) => w.productsOnSale),
  'product-sale-status': read('findOne', (w) => w.productSaleStatus),
  catalog: read('find', (w) => w.catalog),
  'performance-prices': read('findOne', (w) => w.performancePrices),
  // A read-only computation: named `find` so that read-only API tokens may ask for quotes.
  quotes: read('find', (w) => w.quote),
  openapi: read('find', (w) => w.openapi),
  'performance-seating-plan': read('findOne', (w) => w.seatingPlan),
  // Capacity (issue #17).
  'performance-availability': read('findOne', (w) => w.availability),
};
