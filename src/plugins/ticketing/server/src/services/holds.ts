import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PLUGIN_ID } from '../constants';
import {
  type CapacityUsage,
  type ContingentInfo,
  type PerformanceCapacity,
  type Pool,
  availability,
  bestSeats,
  drawPlan,
  entitled,
  poolLabel,
  seasonCaps,
  seatPool,
  usageKey,
} from '../domain/capacity';
import { errors } from '@strapi/utils';
import { ConflictError, bilingual } from '../errors';
import { type ResolvedHold, type ResolvedHoldLine, resolveHold } from '../website/holds';
import type { HoldBody } from '../website/params';
import { TABLES, TOTAL_POOL } from './capacity';
import type { DbRow } from '../strapi-types';

type Row = DbRow;

/** A pool named for people: « la jauge commerciale », « le contingent ABO ». */
const poolName = poolLabel;

const publicPool = (p: Pool) => ({ kind: p.kind, ...(p.code ? { code: p.code } : {}), capacity: p.capacity, used: p.used, left: Math.max(0, p.left) });

/**
 * Holds (issue #17): a hold is one transaction. It first locks the total-usage row of each
 * performance it touches (in a fixed order: no deadlock between two holds), releases the expired
 * holds of those performances, reads the counters, checks every line with the pure availability
 * (domain/capacity) — limits included — then adds to the counters and writes the hold, its lines
 * and its seats (primary key performance × seat: the database refuses a seat held twice). On
 * PostgreSQL the row lock serialises the holds of one performance across processes; on SQLite the
 * single connection serialises every transaction of the process. See docs/capacity.md.
 */
export const createHoldsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const capacity = () => strapi.plugin(PLUGIN_ID).service('capacity');
  const knex = (): Knex => capacity().knex();
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  /** Performances whose total-usage row is known to exist (committed; these rows are never deleted): no insert needed. */
  const knownTotals = new Set<string>();

  /**
   * Locks the total-usage row of each performance, creating the missing ones: one
   * `INSERT … ON CONFLICT DO NOTHING` for those not known to exist (it locks no existing row, and
   * waits only on a row another transaction is inserting, before this one holds any lock), then one
   * `SELECT … FOR UPDATE` in sorted order (two holds never wait on each other in a cycle).
   */
  async function lockPerformances(trx: Knex.Transaction, performances: string[], again = false) {
    const sorted = [...new Set(performances)].sort();
    if (sorted.length === 0) return;
    const missing = again ? sorted : sorted.filter((p) => !knownTotals.has(p));
    if (missing.length > 0)
      await trx(TABLES.usage)
        .insert(missing.map((p) => ({ performance_id: p, pool: TOTAL_POOL, used: 0 })))
        .onConflict(['performance_id', 'pool'])
        .ignore();
    const q = trx(TABLES.usage).whereIn('performance_id', sorted).andWhere({ pool: TOTAL_POOL }).orderBy('performance_id').select('performance_id');
    const locked: Row[] = await (isPostgres() ? q.forUpdate() : q);
    if (locked.length < sorted.length) {
      // A row deleted by hand since this process saw it: create it again (rare; not in sorted order with the locks held).
      if (again) throw new Error('ticketing: a total-usage row could not be created');
      for (const p of sorted) knownTotals.delete(p);
      return lockPerformances(trx, sorted, true);
    }
    // Known once this transaction commits (an insert rolled back leaves nothing).
    if (missing.length > 0)
      trx.executionPromise.then(
        () => missing.forEach((p) => knownTotals.add(p)),
        () => undefined,
      );
  }

  /** Adds to a performance's counters (its pools and the total) in one upsert: `used = used + excluded.used` (SQLite ≥ 3.24 too). */
  async function addToCounters(trx: Knex.Transaction, performance: string, deltas: Map<string, number>) {
    let total = 0;
    const rows: { performance_id: string; pool: string; used: number }[] = [];
    for (const [pool, n] of [...deltas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (n === 0) continue;
      total += n;
      rows.push({ performance_id: performance, pool, used: n });
    }
    if (total !== 0) rows.push({ performance_id: performance, pool: TOTAL_POOL, used: total });
    if (rows.length === 0) return;
    await trx(TABLES.usage)
      .insert(rows)
      .onConflict(['performance_id', 'pool'])
      .merge({ used: trx.raw('??.?? + excluded.??', [TABLES.usage, 'used', 'used']) });
  }

  /** Ends a held hold (released or expired): its lines stop counting, its seats are freed. False when it was not held any more. */
  async function endHold(trx: Knex.Transaction, id: string, status: 'released' | 'expired', at: number): Promise<boolean> {
    const changed = await trx(TABLES.holds).where({ id, status: 'held' }).update({ status, closed_at: at });
    if (!changed) return false;
    const lines: Row[] = await trx(TABLES.lines).where({ hold_id: id, live: true }).select('performance_id', 'category', 'pool', 'quantity');
    const byPerf = new Map<string, Map<string, number>>();
    for (const l of lines) {
      let m = byPerf.get(l.performance_id);
      if (!m) byPerf.set(l.performance_id, (m = new Map()));
      const key = usageKey(l.category, l.pool || null);
      m.set(key, (m.get(key) ?? 0) - Number(l.quantity));
    }
    for (const [perf, deltas] of byPerf) await addToCounters(trx, perf, deltas);
    await trx(TABLES.lines).where({ hold_id: id }).update({ live: false });
    await trx(TABLES.seats).where({ hold_id: id }).delete();
    return true;
  }

  /** Expired holds whose every line is on the locked performances, released in this transaction (the sweep takes the others). */
  async function expireOn(trx: Knex.Transaction, performances: string[], at: number) {
    const candidates: Row[] = await trx(TABLES.holds)
      .whereIn('id', trx(TABLES.lines).whereIn('performance_id', performances).andWhere({ live: true }).select('hold_id'))
      .andWhere({ status: 'held' })
      .andWhere('expires_at', '<=', at)
      .select('id')
      .limit(200);
    if (candidates.length === 0) return;
    const locked = new Set(performances);
    for (const c of candidates) {
      const perfs: Row[] = await trx(TABLES.lines).where({ hold_id: c.id }).distinct('performance_id');
      if (perfs.every((p) => locked.has(p.performance_id))) await endHold(trx, c.id, 'expired', at);
    }
  }

  const refused = (fr: string, en: string, details: Record<string, unknown>) => new ConflictError(bilingual(fr, en), details);

  /**
   * The per-season per-buyer limit (`limits.maxPerBuyerPerSeason`): per season, the strictest limit
   * set by the hold's performances of that season caps the buyer reference's live places across
   * every performance of the season, this hold's included. The (buyer, season) row is locked AFTER
   * the performances (one global order: performances, then seasons, each sorted), so two holds of
   * one buyer on different performances of a season are serialised here. Nothing is read or
   * locked without a buyer reference or where no performance of the hold sets the limit.
   */
  async function checkSeasonLimits(trx: Knex.Transaction, resolved: ResolvedHold) {
    if (!resolved.buyerReference) return;
    const caps = seasonCaps(resolved.lines.map((l) => ({ seasonId: l.seasonId, quantity: l.quantity, max: resolved.capacities.get(l.performanceId)?.limits.maxPerBuyerPerSeason })));
    for (const { season, max, asked } of caps) {
      const key = { buyer_reference: resolved.buyerReference, season_id: season };
      await trx(TABLES.buyerSeasons).insert(key).onConflict(['buyer_reference', 'season_id']).ignore();
      const lock = trx(TABLES.buyerSeasons).where(key).select('season_id');
      await (isPostgres() ? lock.forUpdate() : lock);
      const [row] = await trx(TABLES.lines)
        .where({ ...key, live: true })
        .sum({ n: 'quantity' });
      const held = Number(row?.n ?? 0);
      if (held + asked > max)
        throw refused(
          `au plus ${max} places par acheteur sur la saison (${held} déjà réservée(s) ou vendue(s), ${asked} demandée(s))`,
          `at most ${max} places per buyer for the season (${held} already held or sold, ${asked} asked)`,
          { code: 'LIMIT', limit: 'maxPerBuyerPerSeason', max, held, asked },
        );
    }
  }

  /**
   * Best available for one line: the best block of adjacent seats this buyer may take (not held,
   * not taken by an earlier line of this hold, not reserved for a contingent the buyer may not sell
   * from); none → 409 NOT_AVAILABLE naming the seat category.
   */
  function pickBest(
    pc: PerformanceCapacity,
    contingents: ReadonlyMap<string, ContingentInfo>,
    buyer: { channelId: string | null; pointOfSaleId: string | null; audienceCategoryId: string | null },
    line: ResolvedHoldLine,
    at: number,
    held: ReadonlySet<string>,
    inThisHold: readonly Record<string, unknown>[],
    usage: CapacityUsage,
  ): string[] {
    const mine = new Set(inThisHold.filter((r) => r.performance_id === pc.performanceId).map((r) => r.seat_id as string));
    const seats = bestSeats(pc.runs ?? new Map(), line.category, line.quantity, (seat) => {
      if (held.has(seat) || mine.has(seat)) return false;
      const pool = seatPool(pc, seat, at, usage);
      return pool === null || entitled(contingents.get(pool), buyer);
    });
    if (seats) return seats;
    throw refused(
      `lines[${line.index}] : pas ${line.quantity} place(s) côte à côte libre(s) dans la catégorie « ${line.category} »`,
      `lines[${line.index}]: no ${line.quantity} adjacent free seat(s) in category "${line.category}"`,
      { code: 'NOT_AVAILABLE', line: line.index, seatCategory: line.category, asked: line.quantity },
    );
  }

  async function create(resolved: ResolvedHold, at: number, idempotencyKey: string | null, locale: 'fr' | 'en'): Promise<{ status: number; body: Record<string, unknown> }> {
    const db = knex();
    if (idempotencyKey) {
      const existing: Row | undefined = await db(TABLES.holds).where({ idempotency_key: idempotencyKey }).first();
      if (existing) return { status: 200, body: JSON.parse(existing.answer) };
    }
    const id = capacity().newHoldId();
    const expiresAt = at + capacity().holdExpiryMs();
    const performances = [...new Set(resolved.lines.map((l) => l.performanceId))];
    const buyer = { channelId: resolved.channelId, pointOfSaleId: resolved.pointOfSaleId, audienceCategoryId: resolved.audienceCategoryId };
    try {
      const body = await db.transaction(async (trx: Knex.Transaction) => {
        await lockPerformances(trx, performances);
        await expireOn(trx, performances, at);
        const answerLines: Record<string, unknown>[] = [];
        const lineRows: Record<string, unknown>[] = [];
        const seatRows: Record<string, unknown>[] = [];
        for (const perf of [...performances].sort()) {
          const pc = resolved.capacities.get(perf)!;
          const contingents = resolved.contingents.get(perf)!;
          const read: CapacityUsage = await capacity().usageOf(perf, { buyerReference: resolved.buyerReference, trx });
          const taken = new Map<string, number>(read.taken);
          const tariffTypes = new Map<string, number>(read.tariffTypes ?? []);
          const subs = new Map<string, number>(read.audienceSubcategories ?? []);
          const usage: CapacityUsage = { taken, buyer: read.buyer ?? 0, tariffTypes, audienceSubcategories: subs, released: read.released };
          const deltas = new Map<string, number>();
          let holdTotal = 0;
          let heldSeats: Set<string> | null = null;
          for (const asked of resolved.lines.filter((l) => l.performanceId === perf)) {
            // Best available: the seats are chosen here, under the lock, then checked as explicit seats are.
            if (asked.best && !heldSeats) heldSeats = new Set(((await trx(TABLES.seats).where({ performance_id: perf }).select('seat_id')) as Row[]).map((r) => r.seat_id as string));
            const line = asked.best ? { ...asked, seats: pickBest(pc, contingents, buyer, asked, at, heldSeats!, seatRows, usage) } : asked;
            const q = { category: line.category, at, ...buyer, tariffType: line.tariffType, audienceSubcategory: resolved.audienceSubcategory, buyerKnown: !!resolved.buyerReference };
            let draws: { contingent: string | null; quantity: number }[];
            const seatPools = new Map<string, string | null>();
            if (line.seats) {
              const reserved = line.seats.filter((seat) => {
                const pool = seatPool(pc, seat, at, usage);
                seatPools.set(seat, pool);
                return pool !== null && !entitled(contingents.get(pool), buyer);
              });
              if (reserved.length > 0)
                throw refused(
                  `lines[${line.index}] : place(s) réservée(s) à un contingent : ${reserved.join(', ')}`,
                  `lines[${line.index}]: seat(s) reserved for a contingent: ${reserved.join(', ')}`,
                  {
                    code: 'SEAT_RESERVED',
                    line: line.index,
                    seats: reserved,
                  },
                );
              const held: Row[] = await trx(TABLES.seats).where({ performance_id: perf }).whereIn('seat_id', line.seats).select('seat_id');
              if (held.length > 0) {
                const names = held.map((h) => h.seat_id as string);
                throw refused(`lines[${line.index}] : place(s) déjà prise(s) : ${names.join(', ')}`, `lines[${line.index}]: seat(s) already taken: ${names.join(', ')}`, {
                  code: 'SEAT_TAKEN',
                  line: line.index,
                  seats: names,
                });
              }
              const counts = new Map<string | null, number>();
              for (const pool of seatPools.values()) counts.set(pool, (counts.get(pool) ?? 0) + 1);
              draws = [...counts].map(([contingent, quantity]) => ({ contingent, quantity }));
            } else draws = [];
            const a = availability(pc, contingents, usage, q);
            // A line of seats needs its own pools' places; the gauges and limits apply to both kinds.
            const short = a.available < line.quantity ? a.binding : null;
            if (short) {
              const name = poolName(short);
              const left = Math.max(0, short.left);
              throw refused(
                `lines[${line.index}] : ${line.quantity} demandée(s), ${a.available} disponible(s) ; limité par ${name.fr} (reste ${left})`,
                `lines[${line.index}]: ${line.quantity} asked, ${a.available} available; bound by ${name.en} (${left} left)`,
                { code: 'NOT_AVAILABLE', line: line.index, asked: line.quantity, available: a.available, binding: publicPool(short), pools: a.pools.filter((p) => p.applies).map(publicPool) },
              );
            }
            if (!line.seats) draws = drawPlan(pc, contingents, usage, q, line.quantity);
            for (const d of draws) {
              const key = usageKey(line.category, d.contingent);
              taken.set(key, (taken.get(key) ?? 0) + d.quantity);
              deltas.set(key, (deltas.get(key) ?? 0) + d.quantity);
              lineRows.push({
                hold_id: id,
                performance_id: perf,
                category: line.category,
                pool: d.contingent ?? '',
                tariff_type: line.tariffType,
                audience_subcategory: resolved.audienceSubcategory,
                buyer_reference: resolved.buyerReference,
                quantity: d.quantity,
                live: true,
                season_id: line.seasonId,
              });
            }
            usage.buyer = (usage.buyer ?? 0) + line.quantity;
            tariffTypes.set(line.tariffType, (tariffTypes.get(line.tariffType) ?? 0) + line.quantity);
            subs.set(resolved.audienceSubcategory, (subs.get(resolved.audienceSubcategory) ?? 0) + line.quantity);
            holdTotal += line.quantity;
            for (const seat of line.seats ?? []) seatRows.push({ performance_id: perf, seat_id: seat, hold_id: id });
            answerLines.push({
              line: line.index,
              performance: line.performanceCode,
              seatCategory: line.category,
              tariffType: line.tariffType,
              quantity: line.quantity,
              ...(line.seats ? { seats: line.seats } : {}),
              pools: draws.map((d) => ({ contingent: d.contingent, quantity: d.quantity })),
            });
          }
          const { minPerHold, maxPerHold } = pc.limits;
          if ((maxPerHold !== undefined && holdTotal > maxPerHold) || (minPerHold !== undefined && holdTotal < minPerHold)) {
            const fr = maxPerHold !== undefined && holdTotal > maxPerHold ? `au plus ${maxPerHold} places par réservation` : `au moins ${minPerHold} places par réservation`;
            const en = maxPerHold !== undefined && holdTotal > maxPerHold ? `at most ${maxPerHold} places per hold` : `at least ${minPerHold} places per hold`;
            throw refused(`${fr} pour cette séance (${holdTotal} demandées)`, `${en} for this performance (${holdTotal} asked)`, {
              code: 'LIMIT',
              limit: maxPerHold !== undefined && holdTotal > maxPerHold ? 'maxPerHold' : 'minPerHold',
              asked: holdTotal,
            });
          }
          await addToCounters(trx, perf, deltas);
        }
        await checkSeasonLimits(trx, resolved);
        const body = { id, status: 'held', expiresAt: new Date(expiresAt).toISOString(), buyerReference: resolved.buyerReference, lines: answerLines };
        await trx(TABLES.holds).insert({
          id,
          idempotency_key: idempotencyKey,
          status: 'held',
          created_at: at,
          expires_at: expiresAt,
          buyer_reference: resolved.buyerReference,
          answer: JSON.stringify(body),
        });
        for (let i = 0; i < lineRows.length; i += 200) await trx(TABLES.lines).insert(lineRows.slice(i, i + 200));
        for (let i = 0; i < seatRows.length; i += 200) await trx(TABLES.seats).insert(seatRows.slice(i, i + 200));
        return body;
      });
      capacity().forgetUsage(performances);
      return { status: 201, body };
    } catch (error) {
      if (idempotencyKey && isUniqueViolation(error)) {
        // The same key retried concurrently: the first one's hold is the answer.
        const existing: Row | undefined = await db(TABLES.holds).where({ idempotency_key: idempotencyKey }).first();
        if (existing) return { status: 200, body: JSON.parse(existing.answer) };
      }
      if (isUniqueViolation(error)) throw refused('place déjà prise', 'seat already taken', { code: 'SEAT_TAKEN' });
      void locale;
      throw error;
    }
  }

  const notFound = () => new errors.NotFoundError(bilingual('réservation inconnue', 'unknown hold'), { code: 'HOLD_NOT_FOUND' });

  async function confirm(id: string, at: number): Promise<{ id: string; status: string }> {
    // An expired hold found here is released in this transaction, which must commit: the refusal comes after.
    const outcome: { id: string; status: string } | { expired: string[] } = await knex().transaction(async (trx: Knex.Transaction) => {
      const row: Row | undefined = await trx(TABLES.holds).where({ id }).first();
      if (!row) throw notFound();
      if (row.status === 'confirmed') return { id, status: 'confirmed' };
      if (row.status === 'held' && Number(row.expires_at) <= at) {
        const perfs = ((await trx(TABLES.lines).where({ hold_id: id }).distinct('performance_id')) as Row[]).map((r) => r.performance_id as string);
        await lockPerformances(trx, perfs);
        await endHold(trx, id, 'expired', at);
        return { expired: perfs };
      }
      if (row.status !== 'held')
        throw refused(`réservation ${row.status === 'released' ? 'libérée' : 'expirée'} : rien n’est vendu`, `hold ${row.status}: nothing is sold`, {
          code: row.status === 'released' ? 'HOLD_RELEASED' : 'HOLD_EXPIRED',
        });
      const changed = await trx(TABLES.holds).where({ id, status: 'held' }).andWhere('expires_at', '>', at).update({ status: 'confirmed', closed_at: at });
      if (!changed) throw refused('réservation expirée ou libérée entre-temps', 'hold expired or released meanwhile', { code: 'HOLD_EXPIRED' });
      return { id, status: 'confirmed' };
    });
    if ('expired' in outcome) {
      capacity().forgetUsage(outcome.expired);
      throw refused('réservation expirée : rien n’est vendu', 'hold expired: nothing is sold', { code: 'HOLD_EXPIRED' });
    }
    return outcome;
  }

  async function release(id: string, at: number) {
    return knex().transaction(async (trx: Knex.Transaction) => {
      const row: Row | undefined = await trx(TABLES.holds).where({ id }).first();
      if (!row) throw notFound();
      if (row.status === 'confirmed') throw refused('réservation confirmée (vendue) : elle ne se libère pas ici', 'hold confirmed (sold): it is not released here', { code: 'HOLD_CONFIRMED' });
      if (row.status !== 'held') return { id, status: row.status };
      await lockPerformances(
        trx,
        ((await trx(TABLES.lines).where({ hold_id: id }).distinct('performance_id')) as Row[]).map((r) => r.performance_id),
      );
      const perfs = ((await trx(TABLES.lines).where({ hold_id: id }).distinct('performance_id')) as Row[]).map((r) => r.performance_id as string);
      await endHold(trx, id, 'released', at);
      capacity().forgetUsage(perfs);
      return { id, status: 'released' };
    });
  }

  /** Releases expired holds (periodic, and on demand in tests): one transaction per hold, its performances locked in order. */
  async function sweep(at = Date.now(), max = 500): Promise<number> {
    const rows: Row[] = await knex()(TABLES.holds).where({ status: 'held' }).andWhere('expires_at', '<=', at).select('id').limit(max);
    let n = 0;
    for (const r of rows) {
      const done = await knex().transaction(async (trx: Knex.Transaction) => {
        const perfs = ((await trx(TABLES.lines).where({ hold_id: r.id }).distinct('performance_id')) as Row[]).map((x) => x.performance_id as string);
        await lockPerformances(trx, perfs);
        const ended = await endHold(trx, r.id, 'expired', at);
        capacity().forgetUsage(perfs);
        return ended;
      });
      if (done) n++;
    }
    // Releases whose instant has passed are recorded (issue #17; services/releases.ts, idempotent).
    await strapi.plugin(PLUGIN_ID).service('releases').recordScheduled(at);
    return n;
  }

  /** A parsed POST /holds body at `at`: resolved and checked against the engine (website/holds.ts), then counted. */
  async function hold(body: HoldBody, at: number, idempotencyKey: string | null, locale: 'fr' | 'en') {
    const { snapshot } = await strapi.plugin(PLUGIN_ID).service('sales-snapshot').get();
    return create(resolveHold(snapshot, body, at, locale), at, idempotencyKey, locale);
  }

  return { hold, create, confirm, release, sweep, lockPerformances };
};

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/i.test(e?.message ?? '');
}
