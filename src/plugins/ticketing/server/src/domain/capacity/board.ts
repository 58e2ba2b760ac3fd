/**
 * The availability board of a performance (issue #17 item 6): per seat category, each pool (open
 * sale, contingents) with its capacity now, what is sold (confirmed holds), held (not confirmed)
 * and left; each contingent with its release instant by rule, its effective release and the
 * record of it (scheduled or manual); the gauges and the limits. Pure: the capacity service reads
 * the counters, the held part of them and the records.
 */
import { type CapacityUsage, type ContingentInfo, type PerformanceCapacity, categoryPools, categoryTaken, totalTaken, usageKey } from './availability';
import type { LimitsData } from './validate';
import { releaseRules } from './releases';

export interface ReleaseRecord {
  contingent: string;
  /** null: all categories. */
  category: string | null;
  kind: 'scheduled' | 'manual';
  at: number;
  quantity: number;
  /** Admin user id (manual releases). */
  by: number | null;
}

export interface BoardFigures {
  capacity: number;
  sold: number;
  held: number;
  left: number;
}

export interface BoardPool extends BoardFigures {
  /** null: the open sale. */
  contingent: string | null;
  name?: string;
  release?: {
    /** Instant by its rule (ISO), null: never. */
    ruleAt: string | null;
    /** Where its unsold places go: null = open sale. */
    releaseTo: string | null;
    /** Instant it takes effect (the rule's, or an earlier recorded one), null: never. */
    effectiveAt: string | null;
    released: boolean;
    record: (Omit<ReleaseRecord, 'at'> & { at: string }) | null;
  };
}

export interface BoardCategory extends BoardFigures {
  code: string;
  kind: 'numbered' | 'unnumbered' | 'mixed';
  pools: BoardPool[];
}

export interface Board {
  at: string;
  securityGauge: BoardFigures;
  commercialGauge: BoardFigures | null;
  categories: BoardCategory[];
  limits: LimitsData;
}

const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : null);
const figures = (capacity: number, taken: number, held: number): BoardFigures => ({ capacity, sold: taken - held, held, left: capacity - taken });

/** `held`: usageKey(category, pool) → places held and not confirmed (the rest of the counter is sold). */
export function availabilityBoard(
  pc: PerformanceCapacity,
  contingents: ReadonlyMap<string, ContingentInfo>,
  usage: CapacityUsage,
  held: ReadonlyMap<string, number>,
  records: readonly ReleaseRecord[],
  at: number,
): Board {
  let heldTotal = 0;
  for (const n of held.values()) heldTotal += n;
  const rules = releaseRules(pc);
  const categories: BoardCategory[] = [];
  for (const [code, cat] of pc.categories) {
    const { open, contingents: states } = categoryPools(pc, usage, code, at);
    let heldInCategory = 0;
    for (const [k, n] of held) if (k.startsWith(`${code}|`)) heldInCategory += n;
    const openHeld = held.get(usageKey(code, null)) ?? 0;
    const pools: BoardPool[] = [{ contingent: null, ...figures(open.capacity, open.used, openHeld) }];
    for (const c of [...states.values()].sort((x, y) => (x.code < y.code ? -1 : 1))) {
      const rule = rules.find((r) => r.contingent === c.code && r.category === code);
      const record = records.find((r) => r.contingent === c.code && r.category === code) ?? records.find((r) => r.contingent === c.code && r.category === null) ?? null;
      pools.push({
        contingent: c.code,
        ...(contingents.get(c.code) ? { name: contingents.get(c.code)!.name } : {}),
        ...figures(c.capacity, c.used, held.get(usageKey(code, c.code)) ?? 0),
        release: {
          ruleAt: iso(rule?.releaseAt ?? Infinity),
          releaseTo: c.releaseTo,
          effectiveAt: iso(c.releaseAt),
          released: c.released,
          record: record ? { ...record, at: new Date(record.at).toISOString() } : null,
        },
      });
    }
    categories.push({ code, kind: cat.kind, ...figures(cat.capacity, categoryTaken(usage, code), heldInCategory), pools });
  }
  const total = totalTaken(usage);
  return {
    at: new Date(at).toISOString(),
    securityGauge: figures(pc.securityGauge, total, heldTotal),
    commercialGauge: pc.commercialGauge === null ? null : figures(pc.commercialGauge, total, heldTotal),
    categories,
    limits: pc.limits,
  };
}
