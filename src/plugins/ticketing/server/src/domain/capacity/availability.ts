/**
 * Availability (ch.7): how many places of one seat category of one performance a buyer (channel or
 * point of sale, audience) may hold at an instant, and which pool binds. Pure: no Strapi import.
 *
 * Pools of a performance: its logical configuration's security gauge, its commercial gauge, each
 * seat category's sellable places (domain/places › reconcile), and inside a category the open sale
 * and each contingent. A contingent keeps its places until its release instant; then its places
 * not taken go to its release target (open sale or another contingent). The buyer reaches the
 * open sale plus the unreleased contingents it is entitled to; limits cap what one hold, one buyer
 * or one tariff may take. Available = the minimum of what is left in every pool that applies.
 */
import type { ZoneClock } from '../time';
import type { AllocationData, LimitsData } from './validate';
import type { SeatRun } from './best';

export type Id = string;

/** Who may sell from a contingent: an empty list means any (channel, point of sale, audience category). */
export interface ContingentInfo {
  code: string;
  name: string;
  kind: 'targetGroup' | 'channelPartner' | 'internal';
  salesChannels: readonly Id[];
  pointsOfSale: readonly Id[];
  audienceCategories: readonly Id[];
}

export interface CompiledAllocation {
  contingent: string;
  category: string;
  /** Places (the number of seats for numbered allocations). */
  quantity: number;
  seats: readonly string[] | null;
  /** Release instant (epoch ms), Infinity for never. */
  releaseAt: number;
  /** Where released places go: null = open sale. */
  releaseTo: string | null;
}

export interface PerformanceCapacity {
  performanceId: Id;
  securityGauge: number;
  commercialGauge: number | null;
  /** Seat category code → its kind and sellable places in the logical configuration. */
  categories: ReadonlyMap<string, { kind: 'numbered' | 'unnumbered' | 'mixed'; capacity: number }>;
  allocations: readonly CompiledAllocation[];
  limits: LimitsData;
  /** Seat id → its category (sellable seats only). */
  categoryOfSeat: ReadonlyMap<string, string>;
  /** Seat id → the allocation it belongs to. */
  allocationOfSeat: ReadonlyMap<string, CompiledAllocation>;
  /** Numbered categories: their runs of adjacent seats, ranked (best available, best.ts); shared by the performances of one logical configuration. */
  runs?: ReadonlyMap<string, readonly SeatRun[]>;
}

/** Key of a usage counter: seat category × pool (`''` = open sale, else a contingent's code). */
export const usageKey = (category: string, contingent: string | null) => `${category}|${contingent ?? ''}`;

/** What is held or sold (live holds + sales) on one performance, and by the buyer asking. */
export interface CapacityUsage {
  /** usageKey(category, pool) → places held or sold from that pool. */
  taken: ReadonlyMap<string, number>;
  /** Held or sold by the buyer reference asking (across its holds of the performance). */
  buyer?: number;
  /** Held or sold on the performance per tariff type code and per audience subcategory code. */
  tariffTypes?: ReadonlyMap<string, number>;
  audienceSubcategories?: ReadonlyMap<string, number>;
  /**
   * Releases recorded (table ticketing_capacity_releases): releasedKey(contingent, category | null)
   * → the instant it took effect (epoch ms). A recorded release is effective from that instant
   * whatever the rule says later (« release now », or a scheduled release already recorded).
   */
  released?: ReadonlyMap<string, number>;
}

/** Key of a recorded release: a contingent in one seat category, or in all of them (category null). */
export const releasedKey = (contingent: string, category: string | null) => `${category ?? ''}|${contingent}`;

/**
 * The instant a contingent's places in a category are released: the earliest of its rule's instant
 * and the releases recorded for it (that category, or all categories). Infinity: never.
 */
export function effectiveRelease(releaseAt: number, contingent: string, category: string, usage: Pick<CapacityUsage, 'released'> | null | undefined): number {
  const released = usage?.released;
  if (!released || released.size === 0) return releaseAt;
  return Math.min(releaseAt, released.get(releasedKey(contingent, category)) ?? Infinity, released.get(releasedKey(contingent, null)) ?? Infinity);
}

export interface Buyer {
  channelId?: Id | null;
  pointOfSaleId?: Id | null;
  audienceCategoryId?: Id | null;
}

export interface AvailabilityQuery extends Buyer {
  category: string;
  at: number;
  tariffType?: string | null;
  audienceSubcategory?: string | null;
  /** A buyer reference is known (the per-buyer limit applies). */
  buyerKnown?: boolean;
}

export type PoolKind = 'securityGauge' | 'commercialGauge' | 'category' | 'openSale' | 'contingent' | 'reachable' | 'limit';

export interface Pool {
  kind: PoolKind;
  /** Contingent code, or the limit's name (`maxPerHold`, `maxPerBuyer`, `tariffType:RED.maxPerHold`…). */
  code?: string;
  capacity: number;
  used: number;
  left: number;
  /** Whether it enters the minimum for this buyer (a contingent the buyer may not sell from is listed, not counted). */
  applies: boolean;
  /** Contingent only: its release instant (null: never) and whether it has happened. */
  releaseAt?: number | null;
  released?: boolean;
}

export interface Availability {
  category: string;
  available: number;
  /** The applying pool with the least left (on a tie, the narrowest: limits, then contingents/open sale, category, gauges). */
  binding: Pool;
  pools: Pool[];
}

/** The instant a release rule gives for a performance starting at `startsAt`, counted with the sales calendars' function (ZoneClock.minusDaysHoursInto). */
export function releaseInstant(rule: AllocationData['release'], startsAt: number, clock: ZoneClock): number {
  if (!rule || rule.kind === 'never') return Number.POSITIVE_INFINITY;
  if (rule.kind === 'absolute') return Date.parse(rule.at);
  const out = new Float64Array(1);
  clock.minusDaysHoursInto(Float64Array.of(startsAt), 0, rule.days, rule.hours, out, 0);
  return out[0];
}

export interface CompileCapacityInput {
  performanceId: Id;
  startsAt: number;
  clock: ZoneClock;
  securityGauge: number;
  commercialGauge: number | null;
  categories: readonly { code: string; kind: 'numbered' | 'unnumbered' | 'mixed'; sellable: number }[];
  /** Sellable seats (not killed) by category code, from the layout. */
  seatsByCategory: Readonly<Record<string, readonly string[]>>;
  killedSeats: readonly string[];
  planned: readonly AllocationData[];
  /** The performance's own allocations: those of a contingent named here replace its planned ones. */
  overrides: readonly AllocationData[] | null;
  plannedLimits: LimitsData | null;
  /** Set fields override the planned limits, field by field. */
  performanceLimits: LimitsData | null;
  /** Runs of adjacent seats per category (best.ts › seatRuns), compiled once per logical configuration. */
  runs?: ReadonlyMap<string, readonly SeatRun[]>;
}

/** A performance's pools, compiled once per configuration version. */
export function compileCapacity(input: CompileCapacityInput): PerformanceCapacity {
  const categoryOfSeat = new Map<string, string>();
  const killed = new Set(input.killedSeats);
  for (const [cat, ids] of Object.entries(input.seatsByCategory)) for (const id of ids) if (!killed.has(id) && !categoryOfSeat.has(id)) categoryOfSeat.set(id, cat);
  const overridden = new Set((input.overrides ?? []).map((a) => a.contingent));
  const source = [...input.planned.filter((a) => !overridden.has(a.contingent)), ...(input.overrides ?? [])];
  const allocations: CompiledAllocation[] = [];
  const allocationOfSeat = new Map<string, CompiledAllocation>();
  for (const a of source) {
    const releaseAt = releaseInstant(a.release, input.startsAt, input.clock);
    const releaseTo = a.releaseTo ?? null;
    if (a.seats) {
      const byCat = new Map<string, string[]>();
      for (const seat of a.seats) {
        const cat = categoryOfSeat.get(seat);
        if (cat === undefined || allocationOfSeat.has(seat)) continue;
        let list = byCat.get(cat);
        if (!list) byCat.set(cat, (list = []));
        list.push(seat);
      }
      for (const [cat, seats] of byCat) {
        const compiled: CompiledAllocation = { contingent: a.contingent, category: cat, quantity: seats.length, seats, releaseAt, releaseTo };
        allocations.push(compiled);
        for (const seat of seats) allocationOfSeat.set(seat, compiled);
      }
    } else if (a.seatCategory !== undefined && a.quantity !== undefined && a.quantity > 0) {
      allocations.push({ contingent: a.contingent, category: a.seatCategory, quantity: a.quantity, seats: null, releaseAt, releaseTo });
    }
  }
  const limits: LimitsData = { ...(input.plannedLimits ?? {}) };
  for (const [k, v] of Object.entries(input.performanceLimits ?? {})) if (v !== undefined) (limits as Record<string, unknown>)[k] = v;
  return {
    performanceId: input.performanceId,
    securityGauge: input.securityGauge,
    commercialGauge: input.commercialGauge,
    categories: new Map(input.categories.map((c) => [c.code, { kind: c.kind, capacity: c.sellable }])),
    allocations,
    limits,
    categoryOfSeat,
    allocationOfSeat,
    ...(input.runs ? { runs: input.runs } : {}),
  };
}

interface ContingentState {
  code: string;
  capacity: number;
  used: number;
  releaseAt: number;
  releaseTo: string | null;
  released: boolean;
}

/** A category's open sale and contingents at `at`: releases up to `at` applied in their order (ties by code), released places following their target. */
export function categoryPools(pc: PerformanceCapacity, usage: CapacityUsage, category: string, at: number): { open: { capacity: number; used: number }; contingents: Map<string, ContingentState> } {
  const contingents = new Map<string, ContingentState>();
  for (const a of pc.allocations) {
    if (a.category !== category) continue;
    const c = contingents.get(a.contingent);
    if (c) {
      c.capacity += a.quantity;
      // One release per contingent × category: the earliest of its allocations'.
      if (a.releaseAt < c.releaseAt) Object.assign(c, { releaseAt: a.releaseAt, releaseTo: a.releaseTo });
    } else
      contingents.set(a.contingent, {
        code: a.contingent,
        capacity: a.quantity,
        used: usage.taken.get(usageKey(category, a.contingent)) ?? 0,
        releaseAt: a.releaseAt,
        releaseTo: a.releaseTo,
        released: false,
      });
  }
  for (const c of contingents.values()) c.releaseAt = effectiveRelease(c.releaseAt, c.code, category, usage);
  const due = [...contingents.values()].filter((c) => c.releaseAt <= at).sort((x, y) => x.releaseAt - y.releaseAt || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const c of due) {
    const moved = Math.max(0, c.capacity - c.used);
    c.capacity = Math.min(c.capacity, c.used);
    c.released = true;
    // Follow the target: a contingent already released passes the places on; unknown or none → open sale.
    let target = c.releaseTo ? contingents.get(c.releaseTo) : undefined;
    for (let hops = 0; target && target.released && hops < contingents.size; hops++) target = target.releaseTo ? contingents.get(target.releaseTo) : undefined;
    if (target && !target.released) target.capacity += moved;
  }
  const categoryCapacity = pc.categories.get(category)?.capacity ?? 0;
  let allocated = 0;
  for (const c of contingents.values()) allocated += c.capacity;
  return { open: { capacity: Math.max(0, categoryCapacity - allocated), used: usage.taken.get(usageKey(category, null)) ?? 0 }, contingents };
}

const includesOrAll = (list: readonly Id[], id: Id | null | undefined) => list.length === 0 || (id != null && list.includes(id));

/** Whether a buyer may sell from a contingent: each of its lists is empty or names the buyer's channel, point of sale, audience category. */
export function entitled(info: ContingentInfo | undefined, buyer: Buyer): boolean {
  if (!info) return false;
  return includesOrAll(info.salesChannels, buyer.channelId) && includesOrAll(info.pointsOfSale, buyer.pointOfSaleId) && includesOrAll(info.audienceCategories, buyer.audienceCategoryId);
}

const pool = (kind: PoolKind, capacity: number, used: number, applies = true, code?: string): Pool => ({
  kind,
  ...(code !== undefined ? { code } : {}),
  capacity,
  used,
  left: capacity - used,
  applies,
});

/** Places of the performance held or sold, all categories and pools. */
export function totalTaken(usage: CapacityUsage): number {
  let n = 0;
  for (const v of usage.taken.values()) n += v;
  return n;
}

/** Held or sold in one category, all pools. */
export function categoryTaken(usage: CapacityUsage, category: string): number {
  let n = 0;
  const prefix = `${category}|`;
  for (const [k, v] of usage.taken) if (k.startsWith(prefix)) n += v;
  return n;
}

/** The availability of one category for one buyer at one instant, with every pool and the binding one. */
export function availability(pc: PerformanceCapacity, contingents: ReadonlyMap<string, ContingentInfo>, usage: CapacityUsage, q: AvailabilityQuery): Availability {
  const pools: Pool[] = [];
  const total = totalTaken(usage);
  pools.push(pool('securityGauge', pc.securityGauge, total));
  if (pc.commercialGauge !== null) pools.push(pool('commercialGauge', pc.commercialGauge, total));
  pools.push(pool('category', pc.categories.get(q.category)?.capacity ?? 0, categoryTaken(usage, q.category), true, q.category));
  const { open, contingents: states } = categoryPools(pc, usage, q.category, q.at);
  const openPool = pool('openSale', open.capacity, open.used, true);
  pools.push(openPool);
  let reachCapacity = open.capacity;
  let reachUsed = open.used;
  let reachable = 0;
  for (const c of [...states.values()].sort((x, y) => (x.code < y.code ? -1 : 1))) {
    const may = !c.released && entitled(contingents.get(c.code), q);
    const p = pool('contingent', c.capacity, c.used, false, c.code);
    p.releaseAt = Number.isFinite(c.releaseAt) ? c.releaseAt : null;
    p.released = c.released;
    pools.push(p);
    if (may) {
      reachable++;
      reachCapacity += c.capacity;
      reachUsed += c.used;
    }
  }
  // With a contingent in reach, the open sale counts only as part of what the buyer reaches.
  if (reachable > 0) {
    openPool.applies = false;
    pools.push(pool('reachable', reachCapacity, reachUsed));
  }
  const l = pc.limits;
  if (l.maxPerHold !== undefined) pools.push(pool('limit', l.maxPerHold, 0, true, 'maxPerHold'));
  if (l.maxPerBuyer !== undefined && q.buyerKnown) pools.push(pool('limit', l.maxPerBuyer, usage.buyer ?? 0, true, 'maxPerBuyer'));
  const keyed = (field: 'tariffTypes' | 'audienceSubcategories', key: string | null | undefined, used: ReadonlyMap<string, number> | undefined) => {
    const rule = key ? l[field]?.[key] : undefined;
    if (!rule || !key) return;
    const name = field === 'tariffTypes' ? 'tariffType' : 'audienceSubcategory';
    if (rule.maxPerHold !== undefined) pools.push(pool('limit', rule.maxPerHold, 0, true, `${name}:${key}.maxPerHold`));
    if (rule.maxPerPerformance !== undefined) pools.push(pool('limit', rule.maxPerPerformance, used?.get(key) ?? 0, true, `${name}:${key}.maxPerPerformance`));
  };
  keyed('tariffTypes', q.tariffType, usage.tariffTypes);
  keyed('audienceSubcategories', q.audienceSubcategory, usage.audienceSubcategories);
  // Ties go to the narrower pool (listed later): it is the one a buyer can act on.
  let binding = pools[0];
  for (const p of pools) if (p.applies && p.left <= binding.left) binding = p;
  return { category: q.category, available: Math.max(0, binding.left), binding, pools };
}

/**
 * Where a hold of `quantity` places of a category takes them: the unreleased contingents the buyer
 * may sell from first (by code), then the open sale. Assumes `quantity <= availability(...).available`.
 */
export function drawPlan(
  pc: PerformanceCapacity,
  contingents: ReadonlyMap<string, ContingentInfo>,
  usage: CapacityUsage,
  q: AvailabilityQuery,
  quantity: number,
): { contingent: string | null; quantity: number }[] {
  const { open, contingents: states } = categoryPools(pc, usage, q.category, q.at);
  const out: { contingent: string | null; quantity: number }[] = [];
  let rest = quantity;
  for (const c of [...states.values()].sort((x, y) => (x.code < y.code ? -1 : 1))) {
    if (rest === 0) break;
    if (c.released || !entitled(contingents.get(c.code), q)) continue;
    const n = Math.min(rest, Math.max(0, c.capacity - c.used));
    if (n > 0) out.push({ contingent: c.code, quantity: n });
    rest -= n;
  }
  if (rest > 0) out.push({ contingent: null, quantity: Math.min(rest, Math.max(0, open.capacity - open.used)) });
  return out;
}

/**
 * The pool a numbered seat is taken from at `at`: its contingent while unreleased (its effective
 * release: recorded releases in `usage` count); once released, the target it was released to
 * (following the chain), else the open sale.
 */
export function seatPool(pc: PerformanceCapacity, seat: string, at: number, usage?: Pick<CapacityUsage, 'released'> | null): string | null {
  let a: CompiledAllocation | undefined = pc.allocationOfSeat.get(seat);
  if (!a) return null;
  const byContingent = new Map<string, CompiledAllocation>();
  for (const x of pc.allocations) if (x.category === a.category && !byContingent.has(x.contingent)) byContingent.set(x.contingent, x);
  for (let hops = 0; a && hops <= byContingent.size; hops++) {
    if (effectiveRelease(a.releaseAt, a.contingent, a.category, usage) > at) return a.contingent;
    a = a.releaseTo ? byContingent.get(a.releaseTo) : undefined;
  }
  return null;
}

const POOL_LABELS: Record<PoolKind, { fr: string; en: string }> = {
  securityGauge: { fr: 'la jauge de sécurité', en: 'the security gauge' },
  commercialGauge: { fr: 'la jauge commerciale', en: 'the commercial gauge' },
  category: { fr: 'la catégorie de place', en: 'the seat category' },
  openSale: { fr: 'la vente libre', en: 'the open sale' },
  contingent: { fr: 'le contingent', en: 'contingent' },
  reachable: { fr: 'la vente libre et les contingents accessibles', en: 'the open sale and the reachable contingents' },
  limit: { fr: 'la limite', en: 'limit' },
};

/** A pool named for people, fr/en: « la jauge commerciale », « le contingent ABO », « la limite maxPerBuyer ». */
export function poolLabel(p: Pick<Pool, 'kind' | 'code'>): { fr: string; en: string } {
  const l = POOL_LABELS[p.kind];
  return p.code && p.kind !== 'category' ? { fr: `${l.fr} ${p.code}`, en: `${l.en} ${p.code}` } : l;
}

/** The message of SOLD_OUT: which pool has nothing left. */
export function soldOutMessage(binding: Pick<Pool, 'kind' | 'code' | 'capacity'>): { fr: string; en: string } {
  const name = poolLabel(binding);
  return { fr: `complet : plus aucune place dans ${name.fr} (${binding.capacity})`, en: `sold out: nothing left in ${name.en} (${binding.capacity})` };
}

/**
 * The per-season per-buyer limit of a hold (limits.maxPerBuyerPerSeason): per season of its lines,
 * the strictest value among the hold's performances of that season and the places asked; seasons
 * where no performance sets it are left out. Sorted by season (the order their locks are taken in).
 */
export function seasonCaps(lines: readonly { seasonId: string | null; quantity: number; max?: number }[]): { season: string; max: number; asked: number }[] {
  const seasons = new Map<string, { max: number | null; asked: number }>();
  for (const line of lines) {
    if (!line.seasonId) continue;
    const s = seasons.get(line.seasonId) ?? { max: null, asked: 0 };
    if (line.max !== undefined) s.max = s.max === null ? line.max : Math.min(s.max, line.max);
    s.asked += line.quantity;
    seasons.set(line.seasonId, s);
  }
  return [...seasons]
    .filter((e): e is [string, { max: number; asked: number }] => e[1].max !== null)
    .map(([season, { max, asked }]) => ({ season, max, asked }))
    .sort((a, b) => (a.season < b.season ? -1 : a.season > b.season ? 1 : 0));
}
