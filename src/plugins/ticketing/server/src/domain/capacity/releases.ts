/**
 * Releases recorded (issue #17 item 2): which contingent releases are due and not recorded yet
 * (the sweep records them), and what a « release now » of a contingent on a performance does.
 * Pure: the capacity service reads and writes the table ticketing_capacity_releases.
 */
import { type CapacityUsage, type PerformanceCapacity, categoryPools, effectiveRelease, releasedKey } from './availability';

export interface DueRelease {
  contingent: string;
  category: string;
  /** The instant it took effect (epoch ms). */
  at: number;
  /** Its places not held or sold when recorded (they went to its target). */
  quantity: number;
}

/** Contingent × category of a performance, each with its release instant by rule (the earliest of its allocations'). */
export function releaseRules(pc: PerformanceCapacity): { contingent: string; category: string; releaseAt: number; releaseTo: string | null }[] {
  const byKey = new Map<string, { contingent: string; category: string; releaseAt: number; releaseTo: string | null }>();
  for (const a of pc.allocations) {
    const key = releasedKey(a.contingent, a.category);
    const c = byKey.get(key);
    if (!c) byKey.set(key, { contingent: a.contingent, category: a.category, releaseAt: a.releaseAt, releaseTo: a.releaseTo });
    else if (a.releaseAt < c.releaseAt) Object.assign(c, { releaseAt: a.releaseAt, releaseTo: a.releaseTo });
  }
  return [...byKey.values()].sort((x, y) => (x.category < y.category ? -1 : x.category > y.category ? 1 : x.contingent < y.contingent ? -1 : x.contingent > y.contingent ? 1 : 0));
}

/** Unsold places of a contingent in a category just before `instant` (what its release moves). */
function unsoldBefore(pc: PerformanceCapacity, usage: CapacityUsage, contingent: string, category: string, instant: number): number {
  const c = categoryPools(pc, usage, category, instant - 1).contingents.get(contingent);
  return c ? Math.max(0, c.capacity - c.used) : 0;
}

/**
 * Releases whose instant has passed at `at` and that no record covers yet (neither for their
 * category nor for all categories): what the sweep records, at their scheduled instant.
 */
export function dueReleases(pc: PerformanceCapacity, usage: CapacityUsage, at: number): DueRelease[] {
  const out: DueRelease[] = [];
  const recorded = usage.released ?? new Map<string, number>();
  for (const r of releaseRules(pc)) {
    if (!(r.releaseAt <= at)) continue;
    if (recorded.has(releasedKey(r.contingent, r.category)) || recorded.has(releasedKey(r.contingent, null))) continue;
    const instant = effectiveRelease(r.releaseAt, r.contingent, r.category, usage);
    out.push({ contingent: r.contingent, category: r.category, at: instant, quantity: unsoldBefore(pc, usage, r.contingent, r.category, instant) });
  }
  return out;
}

export type ManualRelease =
  | { ok: true; categories: { category: string; quantity: number }[]; quantity: number }
  | { ok: false; code: 'INVALID_RELEASE'; field: 'contingent' | 'category'; fr: string; en: string }
  | { ok: false; code: 'ALREADY_RELEASED'; fr: string; en: string };

/**
 * « Release now »: a contingent (in one category, or all those it is allocated in) released at
 * `at`. Refused when it is not allocated on the performance (naming the field), or when every
 * targeted category is already released (by its rule or a record).
 */
export function manualRelease(pc: PerformanceCapacity, usage: CapacityUsage, contingent: string, category: string | null, at: number): ManualRelease {
  const rules = releaseRules(pc).filter((r) => r.contingent === contingent);
  if (rules.length === 0)
    return {
      ok: false,
      code: 'INVALID_RELEASE',
      field: 'contingent',
      fr: `contingent : « ${contingent} » n’a pas de places sur cette séance`,
      en: `contingent: "${contingent}" has no places on this performance`,
    };
  const targeted = category === null ? rules : rules.filter((r) => r.category === category);
  if (targeted.length === 0)
    return {
      ok: false,
      code: 'INVALID_RELEASE',
      field: 'category',
      fr: `category : le contingent « ${contingent} » n’a pas de places dans la catégorie « ${category} » sur cette séance`,
      en: `category: contingent "${contingent}" has no places in seat category "${category}" on this performance`,
    };
  const open = targeted.filter((r) => effectiveRelease(r.releaseAt, contingent, r.category, usage) > at);
  if (open.length === 0)
    return {
      ok: false,
      code: 'ALREADY_RELEASED',
      fr: `le contingent « ${contingent} » est déjà libéré${category ? ` dans la catégorie « ${category} »` : ''}`,
      en: `contingent "${contingent}" is already released${category ? ` in seat category "${category}"` : ''}`,
    };
  const categories = open.map((r) => ({ category: r.category, quantity: unsoldBefore(pc, usage, contingent, r.category, at + 1) }));
  return { ok: true, categories, quantity: categories.reduce((n, c) => n + c.quantity, 0) };
}
