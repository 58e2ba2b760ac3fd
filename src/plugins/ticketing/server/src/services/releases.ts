import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import {
  type Board,
  type CapacityUsage,
  type PerformanceCapacity,
  type ReleaseRecord,
  availabilityBoard,
  capacityOf,
  dueReleases,
  manualRelease,
  releaseRules,
  releasedKey,
  usageKey,
} from '../domain/capacity';
import { ConflictError, bilingual } from '../errors';
import { TABLES } from './capacity';
import type { DbRow } from '../strapi-types';

type Row = DbRow;

const recordOf = (r: Row): ReleaseRecord => ({
  contingent: r.contingent,
  category: r.category || null,
  kind: r.kind === 'manual' ? 'manual' : 'scheduled',
  at: Number(r.released_at),
  quantity: Number(r.quantity),
  by: r.released_by === null || r.released_by === undefined ? null : Number(r.released_by),
});

/**
 * Contingent releases recorded (issue #17): the sweep records the scheduled ones once their instant
 * has passed (recordScheduled, idempotent by the table's primary key), the board's « release now »
 * records a manual one (releaseNow, under the performance's hold lock). A recorded release is an
 * effective release instant for the pure availability (CapacityUsage.released, read by usageOf):
 * the holds and the website see it; the counters do not change. Also the board's figures.
 */
export const createReleasesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const capacity = () => strapi.plugin(PLUGIN_ID).service('capacity');
  const knex = (): Knex => capacity().knex();
  const snapshot = async () => (await strapi.plugin(PLUGIN_ID).service('sales-snapshot').get()).snapshot as object;

  /** Records the releases whose instant has passed at `at` and that are not recorded yet. Returns how many were recorded. */
  async function recordScheduled(at = Date.now()): Promise<number> {
    const ctx = capacityOf(await snapshot());
    const candidates = [...ctx.performances.values()].filter((pc) => pc.allocations.some((a) => a.releaseAt <= at));
    if (candidates.length === 0) return 0;
    const rows: Row[] = await knex()(TABLES.releases).select('performance_id', 'contingent', 'category');
    const recorded = new Set(rows.map((r) => `${r.performance_id}\u0000${releasedKey(r.contingent, r.category || null)}`));
    const covered = (perf: string, contingent: string, category: string) =>
      recorded.has(`${perf}\u0000${releasedKey(contingent, category)}`) || recorded.has(`${perf}\u0000${releasedKey(contingent, null)}`);
    let n = 0;
    for (const pc of candidates) {
      if (releaseRules(pc).every((r) => !(r.releaseAt <= at) || covered(pc.performanceId, r.contingent, r.category))) continue;
      const usage = await capacity().usageOf(pc.performanceId);
      const due = dueReleases(pc, usage, at);
      if (due.length === 0) continue;
      await knex()(TABLES.releases)
        .insert(due.map((d) => ({ performance_id: pc.performanceId, contingent: d.contingent, category: d.category, kind: 'scheduled', released_at: d.at, quantity: d.quantity, released_by: null })))
        .onConflict(['performance_id', 'contingent', 'category'])
        .ignore();
      capacity().forgetUsage([pc.performanceId]);
      n += due.length;
    }
    return n;
  }

  async function recordsOf(performanceId: string): Promise<ReleaseRecord[]> {
    const rows: Row[] = await knex()(TABLES.releases)
      .where({ performance_id: performanceId })
      .orderBy([{ column: 'released_at' }, { column: 'contingent' }, { column: 'category' }]);
    return rows.map(recordOf);
  }

  const already = (fr: string, en: string) => new ConflictError(bilingual(fr, en), { code: 'ALREADY_RELEASED' });

  /**
   * « Release now » of a contingent on a performance (one category, or every category it has
   * places in): one transaction holding the performance's hold lock, so that the quantity recorded
   * is what the holds see. 400 INVALID_RELEASE naming the field, 409 ALREADY_RELEASED.
   */
  async function releaseNow(
    performanceId: string,
    contingent: string,
    category: string | null,
    userId: number | null,
    at = Date.now(),
  ): Promise<ReleaseRecord & { categories: { category: string; quantity: number }[] }> {
    const pc = capacityOf(await snapshot()).performances.get(performanceId);
    if (!pc)
      throw new errors.ValidationError(bilingual('contingent : cette séance n’a pas de configuration logique validée', 'contingent: this performance has no validated logical configuration'), {
        code: 'INVALID_RELEASE',
        errors: [{ path: ['contingent'], message: 'no validated logical configuration', name: 'ValidationError' }],
      });
    const result = await knex().transaction(async (trx: Knex.Transaction) => {
      await strapi.plugin(PLUGIN_ID).service('holds').lockPerformances(trx, [performanceId]);
      const usage = await capacity().usageOf(performanceId, { trx });
      const r = manualRelease(pc, usage, contingent, category, at);
      if (!r.ok) {
        if (r.code === 'ALREADY_RELEASED') throw already(r.fr, r.en);
        throw new errors.ValidationError(bilingual(r.fr, r.en), { code: 'INVALID_RELEASE', errors: [{ path: [r.field], message: r.en, name: 'ValidationError' }] });
      }
      const inserted = await trx(TABLES.releases)
        .insert({ performance_id: performanceId, contingent, category: category ?? '', kind: 'manual', released_at: at, quantity: r.quantity, released_by: userId })
        .onConflict(['performance_id', 'contingent', 'category'])
        .ignore()
        .returning('contingent');
      if (Array.isArray(inserted) && inserted.length === 0) throw already(`le contingent « ${contingent} » est déjà libéré`, `contingent "${contingent}" is already released`);
      return r;
    });
    capacity().forgetUsage([performanceId]);
    return { contingent, category, kind: 'manual', at, quantity: result.quantity, by: userId, categories: result.categories };
  }

  /**
   * The board of a performance with pools at `at`, with the pools and usage it was computed from
   * (the seat statuses are drawn from the same); null without a validated logical configuration.
   */
  async function board(performanceId: string, at = Date.now()): Promise<{ board: Board; pc: PerformanceCapacity; usage: CapacityUsage } | null> {
    const ctx = capacityOf(await snapshot());
    const pc = ctx.performances.get(performanceId);
    if (!pc) return null;
    const db = knex();
    const [usage, heldRows, records] = await Promise.all([
      capacity().usageOf(performanceId),
      db(TABLES.lines)
        .join(TABLES.holds, `${TABLES.holds}.id`, `${TABLES.lines}.hold_id`)
        .where({ [`${TABLES.lines}.performance_id`]: performanceId, [`${TABLES.lines}.live`]: true, [`${TABLES.holds}.status`]: 'held' })
        .groupBy(`${TABLES.lines}.category`, `${TABLES.lines}.pool`)
        .select(`${TABLES.lines}.category`, `${TABLES.lines}.pool`)
        .sum({ n: `${TABLES.lines}.quantity` }) as Promise<Row[]>,
      recordsOf(performanceId),
    ]);
    const held = new Map<string, number>(heldRows.map((r) => [usageKey(r.category, r.pool || null), Number(r.n)]));
    return { board: availabilityBoard(pc, ctx.contingentsOf.get(performanceId) ?? new Map(), usage, held, records, at), pc, usage };
  }

  return { recordScheduled, recordsOf, releaseNow, board };
};
