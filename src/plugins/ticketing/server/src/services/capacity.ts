import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { LogicalLayout, SeatingPlan } from '../../../shared/seating-plan';
import { PLUGIN_ID, uidOf } from '../constants';
import type { ConfigurationInput } from '../domain/model';
import { ZoneClock } from '../domain/time';
import { emptyLayout, reconcile } from '../domain/places';
import {
  type AllocationData,
  type CapacityContext,
  type CapacityUsage,
  type ContingentInfo,
  type HeldSeat,
  type LimitsData,
  type PerformanceCapacity,
  allocationSchema,
  compileCapacity,
  limitsSchema,
  seatRuns,
  type SeatRun,
  releasedKey,
  usageKey,
} from '../domain/capacity';
import type { DbRow } from '../strapi-types';

type Row = DbRow;

/** Tables of the counting side (not content types: written only here, in transactions). */
export const TABLES = {
  usage: 'ticketing_capacity_usage',
  holds: 'ticketing_holds',
  lines: 'ticketing_hold_lines',
  seats: 'ticketing_held_seats',
  /** One row per (buyer reference, season): locked by a hold that checks the per-season per-buyer limit. */
  buyerSeasons: 'ticketing_buyer_seasons',
  releases: 'ticketing_capacity_releases',
} as const;

/** The usage row that stands for the whole performance: its `used` is every place held or sold; a hold locks it first. */
export const TOTAL_POOL = '*';

const parseList = <T>(schema: { safeParse: (v: unknown) => { success: boolean; data?: T } }, value: unknown): T[] => {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (const item of value) {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data as T);
  }
  return out;
};
const parseLimits = (value: unknown): LimitsData | null => {
  if (value === null || value === undefined) return null;
  const r = limitsSchema.safeParse(value);
  return r.success ? r.data : null;
};

/**
 * Capacity (issue #17): loads what the pools need with each sales snapshot (validated logical
 * configurations, their layouts and plans, contingents, performances' gauges, allocations and
 * limits) and compiles it with domain/capacity; owns the counting tables (usage counters, holds,
 * their lines and seats) and reads what is held or sold.
 */
export const createCapacityService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection as unknown as Knex;

  /** Creates the counting tables when missing (idempotent; every process may run it at start). */
  async function ensureTables(): Promise<void> {
    const db = knex();
    const create = async (name: string, build: (t: Knex.CreateTableBuilder) => void) => {
      if (await db.schema.hasTable(name)) return;
      try {
        await db.schema.createTable(name, build);
      } catch (error) {
        // Another process created it meanwhile.
        if (!(await db.schema.hasTable(name))) throw error;
      }
    };
    await create(TABLES.usage, (t: Knex.CreateTableBuilder) => {
      t.string('performance_id', 64).notNullable();
      t.string('pool', 200).notNullable();
      t.integer('used').notNullable().defaultTo(0);
      t.primary(['performance_id', 'pool']);
    });
    await create(TABLES.holds, (t: Knex.CreateTableBuilder) => {
      t.string('id', 36).primary();
      t.string('idempotency_key', 200).nullable().unique();
      t.string('status', 16).notNullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('expires_at').notNullable();
      t.bigInteger('closed_at').nullable();
      t.string('buyer_reference', 200).nullable();
      t.text('answer').notNullable();
      t.index(['status', 'expires_at']);
    });
    await create(TABLES.lines, (t: Knex.CreateTableBuilder) => {
      t.increments('id');
      t.string('hold_id', 36).notNullable().index();
      t.string('performance_id', 64).notNullable();
      t.string('category', 40).notNullable();
      t.string('pool', 40).notNullable();
      t.string('tariff_type', 40).nullable();
      t.string('audience_subcategory', 40).nullable();
      t.string('buyer_reference', 200).nullable();
      t.integer('quantity').notNullable();
      t.boolean('live').notNullable().defaultTo(true);
      t.string('season_id', 64).nullable();
      t.index(['performance_id', 'live']);
      t.index(['buyer_reference', 'season_id']);
    });
    // Tables made before the per-season limit: the column and its index added once.
    if (!(await db.schema.hasColumn(TABLES.lines, 'season_id'))) {
      try {
        await db.schema.alterTable(TABLES.lines, (t: Knex.AlterTableBuilder) => {
          t.string('season_id', 64).nullable();
          t.index(['buyer_reference', 'season_id']);
        });
      } catch (error) {
        if (!(await db.schema.hasColumn(TABLES.lines, 'season_id'))) throw error;
      }
    }
    await create(TABLES.buyerSeasons, (t: Knex.CreateTableBuilder) => {
      t.string('buyer_reference', 200).notNullable();
      t.string('season_id', 64).notNullable();
      t.primary(['buyer_reference', 'season_id']);
    });
    await create(TABLES.seats, (t: Knex.CreateTableBuilder) => {
      t.string('performance_id', 64).notNullable();
      t.string('seat_id', 40).notNullable();
      t.string('hold_id', 36).notNullable().index();
      // Each seat of a performance at most once: the database refuses the second holder.
      t.primary(['performance_id', 'seat_id']);
    });
    // Contingent releases recorded (services/releases.ts): scheduled ones by the sweep, manual ones
    // (« release now ») by the board. Category '' = all categories (a unique key needs no nulls).
    await create(TABLES.releases, (t: Knex.CreateTableBuilder) => {
      t.string('performance_id', 64).notNullable();
      t.string('contingent', 40).notNullable();
      t.string('category', 40).notNullable().defaultTo('');
      t.string('kind', 16).notNullable();
      t.bigInteger('released_at').notNullable();
      t.integer('quantity').notNullable().defaultTo(0);
      t.integer('released_by').nullable();
      t.primary(['performance_id', 'contingent', 'category']);
    });
  }

  /** The pools of every performance that has a validated logical configuration (its own, else its event's). */
  async function load(config: ConfigurationInput): Promise<CapacityContext> {
    const logicals: Row[] = await strapi.db.query(uidOf('logical-configuration')).findMany({
      where: { state: 'validated' },
      select: ['documentId', 'securityGauge', 'layout', 'contingents', 'limits'],
      populate: { physicalConfiguration: { select: ['documentId', 'plan', 'securityGauge'] } },
    });
    if (logicals.length === 0) return { performances: new Map(), contingentsOf: new Map() };
    const byId = new Map(logicals.map((l) => [l.documentId as string, l]));
    const [perfRows, eventRows, contingentRows] = await Promise.all([
      strapi.db.query(uidOf('performance')).findMany({ select: ['documentId', 'commercialGauge', 'contingents', 'limits'], populate: { logicalConfiguration: { select: ['documentId'] } } }),
      strapi.db.query(uidOf('event')).findMany({ select: ['documentId'], populate: { logicalConfiguration: { select: ['documentId'] } } }),
      strapi.db.query(uidOf('contingent')).findMany({
        select: ['code', 'name', 'contingentKind'],
        populate: { organization: { select: ['documentId'] }, salesChannels: { select: ['documentId'] }, pointsOfSale: { select: ['documentId'] }, audienceCategories: { select: ['documentId'] } },
      }),
    ]);
    const perfRow = new Map((perfRows as Row[]).map((r) => [r.documentId as string, r]));
    const eventLogical = new Map((eventRows as Row[]).map((r) => [r.documentId as string, (r.logicalConfiguration?.documentId as string) ?? null]));
    const contingentsByOrg = new Map<string, Map<string, ContingentInfo>>();
    for (const c of contingentRows as Row[]) {
      const org = c.organization?.documentId as string | undefined;
      if (!org) continue;
      let map = contingentsByOrg.get(org);
      if (!map) contingentsByOrg.set(org, (map = new Map()));
      const ids = (list: Row[] | undefined) => (list ?? []).map((r) => r.documentId as string);
      map.set(c.code, { code: c.code, name: c.name, kind: c.contingentKind, salesChannels: ids(c.salesChannels), pointsOfSale: ids(c.pointsOfSale), audienceCategories: ids(c.audienceCategories) });
    }
    const clock = ZoneClock.for(config.timeZone || 'Europe/Paris');
    const events = new Map(config.events.map((e) => [e.id, e]));
    const seasons = new Map(config.seasons.map((s) => [s.id, s]));
    const reconciled = new Map<string, ReturnType<typeof reconcile>>();
    const runsOf = new Map<string, Map<string, SeatRun[]>>();
    const performances = new Map<string, PerformanceCapacity>();
    const contingentsOf = new Map<string, ReadonlyMap<string, ContingentInfo>>();
    for (const p of config.performances) {
      const row = perfRow.get(p.id);
      const logicalId = (row?.logicalConfiguration?.documentId as string | undefined) ?? eventLogical.get(p.eventId) ?? null;
      const logical = logicalId ? byId.get(logicalId) : undefined;
      if (!logical) continue;
      const layout = (logical.layout as LogicalLayout | null) ?? emptyLayout();
      let r = reconciled.get(logical.documentId);
      if (!r)
        reconciled.set(
          logical.documentId,
          (r = reconcile((logical.physicalConfiguration?.plan as SeatingPlan) ?? null, layout, logical.securityGauge ?? 0, logical.physicalConfiguration?.securityGauge ?? 0)),
        );
      let runs = runsOf.get(logical.documentId);
      if (!runs) {
        // Best available (issue #17): the rows of adjacent sellable seats per category, once per logical configuration.
        const killed = new Set(layout.killedSeats ?? []);
        const categoryOfSeat = new Map<string, string>();
        for (const [cat, ids] of Object.entries(layout.seatsByCategory ?? {})) for (const id of ids) if (!killed.has(id) && !categoryOfSeat.has(id)) categoryOfSeat.set(id, cat);
        runsOf.set(logical.documentId, (runs = seatRuns((logical.physicalConfiguration?.plan as SeatingPlan) ?? null, categoryOfSeat)));
      }
      performances.set(
        p.id,
        compileCapacity({
          performanceId: p.id,
          startsAt: Date.parse(p.startsAt),
          clock,
          securityGauge: logical.securityGauge ?? 0,
          commercialGauge: typeof row?.commercialGauge === 'number' ? row.commercialGauge : null,
          categories: r.categories,
          seatsByCategory: layout.seatsByCategory ?? {},
          killedSeats: layout.killedSeats ?? [],
          planned: parseList<AllocationData>(allocationSchema, logical.contingents),
          overrides: Array.isArray(row?.contingents) ? parseList<AllocationData>(allocationSchema, row?.contingents) : null,
          plannedLimits: parseLimits(logical.limits),
          performanceLimits: parseLimits(row?.limits),
          runs,
        }),
      );
      const org = seasons.get(events.get(p.eventId)?.seasonId ?? '')?.organizationId;
      contingentsOf.set(p.id, (org && contingentsByOrg.get(org)) || new Map());
    }
    return { performances, contingentsOf };
  }

  /** What is held or sold on a performance (counters), and by a buyer reference / tariff type / subcategory (live lines). */
  async function usageOf(performanceId: string, opts: { buyerReference?: string | null; trx?: Knex | Knex.Transaction } = {}): Promise<CapacityUsage> {
    const db = opts.trx ?? knex();
    // Counters, live-line sums and recorded releases in one round trip: rows kind 'c' (pool, used), 'l' (tariff type, subcategory, sum), 'r' (contingent, category, instant).
    const rows: Row[] = await db(TABLES.usage)
      .where({ performance_id: performanceId })
      .select(db.raw("'c' as kind"), 'pool as a', db.raw('null as b'), 'used as n')
      .unionAll((u: Knex.QueryBuilder) =>
        u
          .from(TABLES.lines)
          .where({ performance_id: performanceId, live: true })
          .groupBy('tariff_type', 'audience_subcategory')
          .select(db.raw("'l' as kind"), 'tariff_type as a', 'audience_subcategory as b', db.raw('sum(quantity) as n')),
      )
      .unionAll((u: Knex.QueryBuilder) => u.from(TABLES.releases).where({ performance_id: performanceId }).select(db.raw("'r' as kind"), 'contingent as a', 'category as b', 'released_at as n'));
    const taken = new Map<string, number>();
    const usage: CapacityUsage & { tariffTypes: Map<string, number>; audienceSubcategories: Map<string, number> } = { taken, tariffTypes: new Map(), audienceSubcategories: new Map() };
    const released = new Map<string, number>();
    for (const r of rows) {
      const n = Number(r.n);
      if (r.kind === 'c') {
        if (r.a !== TOTAL_POOL && n !== 0) taken.set(r.a, n);
        continue;
      }
      if (r.kind === 'r') {
        released.set(releasedKey(r.a, r.b || null), n);
        continue;
      }
      if (r.a) usage.tariffTypes.set(r.a, (usage.tariffTypes.get(r.a) ?? 0) + n);
      if (r.b) usage.audienceSubcategories.set(r.b, (usage.audienceSubcategories.get(r.b) ?? 0) + n);
    }
    if (released.size > 0) usage.released = released;
    if (opts.buyerReference) {
      const [b] = await db(TABLES.lines).where({ performance_id: performanceId, live: true, buyer_reference: opts.buyerReference }).sum({ n: 'quantity' });
      usage.buyer = Number(b?.n ?? 0);
    }
    return usage;
  }

  /** Seats held or sold on a performance, with the status of their hold (held: not sold yet; confirmed: sold). */
  async function heldSeatsOf(performanceId: string, trx?: Knex | Knex.Transaction): Promise<HeldSeat[]> {
    const rows: Row[] = await (trx ?? knex())(TABLES.seats)
      .join(TABLES.holds, `${TABLES.holds}.id`, `${TABLES.seats}.hold_id`)
      .where(`${TABLES.seats}.performance_id`, performanceId)
      .whereIn(`${TABLES.holds}.status`, ['held', 'confirmed'])
      .select(`${TABLES.seats}.seat_id`, `${TABLES.holds}.status`);
    return rows.map((r) => ({ seat: r.seat_id as string, status: r.status === 'confirmed' ? 'confirmed' : 'held' }));
  }

  /**
   * The consistency check: for every performance, each counter equals the sum of the live lines
   * (held or sold) of its pool, the total counter their sum, and each held seat belongs to a live
   * hold. Returns the differences (empty: consistent).
   */
  async function consistency(opts: { performance?: string } = {}): Promise<{ performance: string; pool: string; counter: number; lines: number }[]> {
    // One snapshot for every read (PostgreSQL: repeatable read), so a hold committing meanwhile never shows as a difference.
    const postgres = strapi.db.dialect.client === 'postgres';
    return knex().transaction((trx: Knex.Transaction) => differences(trx, opts), postgres ? { isolationLevel: 'repeatable read', readOnly: true } : {});
  }
  async function differences(db: Knex.Transaction, opts: { performance?: string }): Promise<{ performance: string; pool: string; counter: number; lines: number }[]> {
    const only = (table: string) => (opts.performance === undefined ? {} : { [`${table}.performance_id`]: opts.performance });
    const counters: Row[] = await db(TABLES.usage).where(only(TABLES.usage)).select('performance_id', 'pool', 'used');
    const sums: Row[] = await db(TABLES.lines)
      .where({ live: true, ...only(TABLES.lines) })
      .groupBy('performance_id', 'category', 'pool')
      .select('performance_id', 'category', 'pool')
      .sum({ n: 'quantity' });
    const expected = new Map<string, number>();
    const add = (k: string, n: number) => expected.set(k, (expected.get(k) ?? 0) + n);
    for (const s of sums) {
      add(`${s.performance_id}\u0000${usageKey(s.category, s.pool || null)}`, Number(s.n));
      add(`${s.performance_id}\u0000${TOTAL_POOL}`, Number(s.n));
    }
    const out: { performance: string; pool: string; counter: number; lines: number }[] = [];
    const seen = new Set<string>();
    for (const c of counters) {
      const k = `${c.performance_id}\u0000${c.pool}`;
      seen.add(k);
      const lines = expected.get(k) ?? 0;
      if (Number(c.used) !== lines) out.push({ performance: c.performance_id, pool: c.pool, counter: Number(c.used), lines });
    }
    for (const [k, lines] of expected) {
      if (seen.has(k) || lines === 0) continue;
      const [performance, pool] = k.split('\u0000');
      out.push({ performance, pool, counter: 0, lines });
    }
    const orphans: Row[] = await db(TABLES.seats)
      .leftJoin(TABLES.holds, `${TABLES.holds}.id`, `${TABLES.seats}.hold_id`)
      .where(only(TABLES.seats))
      .andWhere((q: Knex.QueryBuilder) => q.whereNull(`${TABLES.holds}.id`).orWhereNotIn(`${TABLES.holds}.status`, ['held', 'confirmed']))
      .select(`${TABLES.seats}.performance_id`, `${TABLES.seats}.seat_id`);
    for (const o of orphans) out.push({ performance: o.performance_id, pool: `seat:${o.seat_id}`, counter: 1, lines: 0 });
    return out;
  }

  /** The performances that have counters (what the consistency check looks at). */
  async function countedPerformances(): Promise<string[]> {
    const rows: Row[] = await knex()(TABLES.usage).distinct('performance_id');
    return rows.map((r) => r.performance_id as string).sort();
  }

  /**
   * Usage as the website reads it: kept 250 ms per performance (so a hold in another process shows
   * within a second); a hold or release in this process forgets it at once.
   */
  const recent = new Map<string, { until: number; stamp: number; usage: Promise<CapacityUsage>; seats?: Promise<HeldSeat[]> }>();
  let stamps = 0;
  function entry(performanceId: string) {
    const now = Date.now();
    const hit = recent.get(performanceId);
    if (hit && hit.until > now) return hit;
    if (recent.size > 5000) recent.clear();
    const usage = usageOf(performanceId);
    const fresh: { until: number; stamp: number; usage: Promise<CapacityUsage>; seats?: Promise<HeldSeat[]> } = { until: now + 250, stamp: ++stamps, usage };
    recent.set(performanceId, fresh);
    usage.catch(() => recent.delete(performanceId));
    return fresh;
  }
  const usageCached = (performanceId: string): Promise<CapacityUsage> => entry(performanceId).usage;
  /** The usage and a stamp that changes with each read (part of the website's memo key). */
  async function usageStamped(performanceId: string): Promise<{ usage: CapacityUsage; stamp: number }> {
    const e = entry(performanceId);
    return { usage: await e.usage, stamp: e.stamp };
  }
  /**
   * The usage of several performances (the on-sale listing) through the same 250 ms cache: the
   * ones not cached are read together, in two queries whatever their number. `stamp` is the
   * highest stamp of the set: any re-read of one of them takes a stamp above every earlier one,
   * so for a given set it changes exactly when one of their usages does (part of a memo key).
   */
  async function usageMany(performanceIds: readonly string[]): Promise<{ usages: Map<string, CapacityUsage>; stamp: number }> {
    const now = Date.now();
    const missing: string[] = [];
    for (const id of performanceIds) {
      const hit = recent.get(id);
      if (!(hit && hit.until > now)) missing.push(id);
    }
    if (missing.length > 0) {
      if (recent.size > 5000) recent.clear();
      const batch = readMany(missing);
      batch.catch(() => {
        for (const id of missing) recent.delete(id);
      });
      for (const id of missing) {
        const usage = batch.then((m) => m.get(id)!);
        usage.catch(() => undefined); // awaited below; the others of a failed batch are not left unhandled
        recent.set(id, { until: now + 250, stamp: ++stamps, usage });
      }
    }
    const usages = new Map<string, CapacityUsage>();
    let stamp = 0;
    for (const id of performanceIds) {
      const e = recent.get(id) ?? entry(id);
      stamp = Math.max(stamp, e.stamp);
      usages.set(id, await e.usage);
    }
    return { usages, stamp };
  }
  /** Counters, per tariff type / subcategory sums and recorded releases of several performances, in three queries. */
  async function readMany(performanceIds: readonly string[]): Promise<Map<string, CapacityUsage>> {
    const db = knex();
    const out = new Map<string, CapacityUsage & { tariffTypes: Map<string, number>; audienceSubcategories: Map<string, number> }>();
    for (const id of performanceIds) out.set(id, { taken: new Map(), tariffTypes: new Map(), audienceSubcategories: new Map() });
    const [rows, sums, released]: [Row[], Row[], Row[]] = await Promise.all([
      db(TABLES.usage)
        .whereIn('performance_id', performanceIds as string[])
        .select('performance_id', 'pool', 'used'),
      db(TABLES.lines)
        .whereIn('performance_id', performanceIds as string[])
        .andWhere({ live: true })
        .groupBy('performance_id', 'tariff_type', 'audience_subcategory')
        .select('performance_id', 'tariff_type', 'audience_subcategory')
        .sum({ n: 'quantity' }),
      db(TABLES.releases)
        .whereIn('performance_id', performanceIds as string[])
        .select('performance_id', 'contingent', 'category', 'released_at'),
    ]);
    const releasedOf = new Map<string, Map<string, number>>();
    for (const r of released) {
      let m = releasedOf.get(r.performance_id);
      if (!m) releasedOf.set(r.performance_id, (m = new Map()));
      m.set(releasedKey(r.contingent, r.category || null), Number(r.released_at));
    }
    for (const [id, m] of releasedOf) out.get(id)!.released = m;
    for (const r of rows) if (r.pool !== TOTAL_POOL && Number(r.used) !== 0) (out.get(r.performance_id)!.taken as Map<string, number>).set(r.pool, Number(r.used));
    for (const s of sums) {
      const u = out.get(s.performance_id)!;
      const n = Number(s.n);
      if (s.tariff_type) u.tariffTypes.set(s.tariff_type, (u.tariffTypes.get(s.tariff_type) ?? 0) + n);
      if (s.audience_subcategory) u.audienceSubcategories.set(s.audience_subcategory, (u.audienceSubcategories.get(s.audience_subcategory) ?? 0) + n);
    }
    return out;
  }
  /** The held seats of a performance with their hold's status, through the same 250 ms cache as the usage. */
  function heldSeatsCached(performanceId: string): Promise<HeldSeat[]> {
    const e = entry(performanceId);
    return (e.seats ??= heldSeatsOf(performanceId));
  }
  const forgetUsage = (performanceIds: Iterable<string>) => {
    for (const id of performanceIds) recent.delete(id);
  };

  const settings = () => (strapi.config.get(`plugin::${PLUGIN_ID}`) ?? {}) as { holdExpiryMinutes?: number };

  return {
    ensureTables,
    load,
    usageOf,
    usageCached,
    usageStamped,
    usageMany,
    heldSeatsOf,
    heldSeatsCached,
    forgetUsage,
    consistency,
    countedPerformances,
    knex,
    holdExpiryMs: () => Math.round(Math.max(0.05, settings().holdExpiryMinutes ?? 15) * 60_000),
    newHoldId: () => randomUUID(),
  };
};
