/**
 * A logical configuration's layout (shared/seating-plan.ts › LogicalLayout) over its physical
 * configuration's plan: what is wrong with it (refused on write), and the capacity
 * reconciliation (what the editor shows and what blocks validation). Pure.
 */
import type { CapacityReconciliation, LogicalLayout, ReconciliationCategory, ReconciliationProblem, SeatingPlan } from '../../../../shared/seating-plan';
import { MAX_PROBLEMS, type PlacesProblem, seatIdsOf } from './plan';

type Plain = Record<string, unknown>;
const isObject = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);

/** An empty layout (a new logical configuration): no seat has a category yet. */
export const emptyLayout = (): LogicalLayout => ({ version: 1, seatsByCategory: {}, killedSeats: [], areas: {} });

/**
 * Everything that makes a layout unstorable over `plan`: shape, seats and areas that are not in
 * the plan, a seat in two categories, unknown seat category codes (`categories`: the codes that
 * exist), an area gauge above its capacity, and a category both numbered (seats) and unnumbered
 * (areas) in the same configuration.
 */
export function layoutProblems(layout: unknown, plan: SeatingPlan | null, categories: ReadonlySet<string>, root = 'layout'): PlacesProblem[] {
  const out: PlacesProblem[] = [];
  let more = 0;
  const add = (path: string, code: string, fr: string, en: string) => {
    if (out.length < MAX_PROBLEMS) out.push({ path, code, fr, en });
    else more++;
  };
  if (!isObject(layout)) {
    add(root, 'INVALID_LAYOUT', "l'affectation doit être un objet JSON", 'the layout must be a JSON object');
    return out;
  }
  if (layout.version !== 1) add(`${root}.version`, 'INVALID_LAYOUT', 'version de format inconnue (1 attendu)', 'unknown format version (1 expected)');
  const seatIds = seatIdsOf(plan);
  const areas = new Map((plan?.areas ?? []).map((a) => [a.id, a]));
  const numbered = new Set<string>();
  const unnumbered = new Set<string>();
  const categoryOfSeat = new Map<string, string>();
  if (!isObject(layout.seatsByCategory)) add(`${root}.seatsByCategory`, 'INVALID_LAYOUT', 'un objet { code de catégorie : [places] } est attendu', 'an object { category code: [seats] } is expected');
  else {
    for (const [code, ids] of Object.entries(layout.seatsByCategory)) {
      const cp = `${root}.seatsByCategory.${code}`;
      if (!categories.has(code)) add(cp, 'UNKNOWN_CATEGORY', `catégorie de place inconnue : « ${code} »`, `unknown seat category: "${code}"`);
      if (!Array.isArray(ids)) {
        add(cp, 'INVALID_LAYOUT', 'une liste de places est attendue', 'a list of seats is expected');
        continue;
      }
      if (ids.length > 0) numbered.add(code);
      ids.forEach((id, i) => {
        if (typeof id !== 'string' || !seatIds.has(id)) return add(`${cp}[${i}]`, 'UNKNOWN_SEAT', `place absente du plan : ${String(id)}`, `seat not in the plan: ${String(id)}`);
        const other = categoryOfSeat.get(id);
        if (other !== undefined) add(`${cp}[${i}]`, 'SEAT_IN_TWO_CATEGORIES', `la place ${id} est déjà en catégorie « ${other} »`, `seat ${id} is already in category "${other}"`);
        else categoryOfSeat.set(id, code);
      });
    }
  }
  if (!Array.isArray(layout.killedSeats)) add(`${root}.killedSeats`, 'INVALID_LAYOUT', 'une liste de places est attendue', 'a list of seats is expected');
  else {
    const killed = new Set<string>();
    layout.killedSeats.forEach((id, i) => {
      if (typeof id !== 'string' || !seatIds.has(id)) add(`${root}.killedSeats[${i}]`, 'UNKNOWN_SEAT', `place absente du plan : ${String(id)}`, `seat not in the plan: ${String(id)}`);
      else if (killed.has(id)) add(`${root}.killedSeats[${i}]`, 'DUPLICATE_SEAT', `place ${id} listée deux fois`, `seat ${id} listed twice`);
      else killed.add(id);
    });
  }
  if (!isObject(layout.areas)) add(`${root}.areas`, 'INVALID_LAYOUT', 'un objet { zone : { category, sellableGauge } } est attendu', 'an object { area: { category, sellableGauge } } is expected');
  else {
    for (const [areaId, choice] of Object.entries(layout.areas)) {
      const ap = `${root}.areas.${areaId}`;
      const area = areas.get(areaId);
      if (!area) {
        add(ap, 'UNKNOWN_AREA', `zone absente du plan : ${areaId}`, `area not in the plan: ${areaId}`);
        continue;
      }
      if (!isObject(choice)) {
        add(ap, 'INVALID_LAYOUT', '{ category, sellableGauge } attendu', '{ category, sellableGauge } expected');
        continue;
      }
      if (typeof choice.category !== 'string' || !categories.has(choice.category))
        add(`${ap}.category`, 'UNKNOWN_CATEGORY', `catégorie de place inconnue : « ${String(choice.category)} »`, `unknown seat category: "${String(choice.category)}"`);
      else unnumbered.add(choice.category);
      const gauge = choice.sellableGauge;
      if (!Number.isInteger(gauge) || (gauge as number) < 0) add(`${ap}.sellableGauge`, 'INVALID_LAYOUT', 'jauge vendable : un nombre entier positif ou nul', 'sellable gauge: a whole number ≥ 0');
      else if ((gauge as number) > area.capacity)
        add(
          `${ap}.sellableGauge`,
          'AREA_GAUGE_OVER_CAPACITY',
          `jauge vendable ${String(gauge)} supérieure à la capacité de la zone « ${area.name} » (${area.capacity})`,
          `sellable gauge ${String(gauge)} above the capacity of area "${area.name}" (${area.capacity})`,
        );
    }
  }
  for (const code of numbered) {
    if (unnumbered.has(code))
      add(
        `${root}.seatsByCategory.${code}`,
        'CATEGORY_NUMBERED_AND_UNNUMBERED',
        `la catégorie « ${code} » est à la fois numérotée (places) et non numérotée (zones)`,
        `category "${code}" is both numbered (seats) and unnumbered (areas)`,
      );
  }
  if (more > 0) out.push({ path: '', code: 'MORE_PROBLEMS', fr: `et ${more} autre(s) problème(s)`, en: `and ${more} more problem(s)` });
  return out;
}

/** The seat ids a layout uses (categories and kills): a physical configuration may not lose them. */
export function seatsUsedBy(layout: LogicalLayout | null | undefined): Set<string> {
  const out = new Set<string>();
  if (!layout) return out;
  for (const ids of Object.values(layout.seatsByCategory ?? {})) if (Array.isArray(ids)) for (const id of ids) out.add(id);
  for (const id of layout.killedSeats ?? []) out.add(id);
  return out;
}

/**
 * The capacity reconciliation. Assumes a layout without `layoutProblems` (ids unknown to the plan
 * are ignored). Sellable = seats with a category that are not killed + areas' sellable gauges.
 * Blocking: a seat (not killed) without a category, sellable above the security gauge, the
 * security gauge above the physical one, a category numbered and unnumbered at once.
 */
export function reconcile(plan: SeatingPlan | null, layout: LogicalLayout | null, securityGauge: number, physicalSecurityGauge: number): CapacityReconciliation {
  const l = layout ?? emptyLayout();
  const seatIds = seatIdsOf(plan);
  const killed = new Set((l.killedSeats ?? []).filter((id) => seatIds.has(id)));
  const byCode = new Map<string, ReconciliationCategory>();
  const entry = (code: string) => {
    let c = byCode.get(code);
    if (!c) byCode.set(code, (c = { code, kind: 'numbered', seats: 0, killed: 0, areaGauges: 0, sellable: 0 }));
    return c;
  };
  const assigned = new Set<string>();
  for (const [code, ids] of Object.entries(l.seatsByCategory ?? {})) {
    const c = entry(code);
    for (const id of ids ?? []) {
      if (!seatIds.has(id) || assigned.has(id)) continue;
      assigned.add(id);
      c.seats++;
      if (killed.has(id)) c.killed++;
    }
  }
  const warnings: ReconciliationProblem[] = [];
  const areaCategories = new Set<string>();
  for (const area of plan?.areas ?? []) {
    const choice = l.areas?.[area.id];
    if (!choice) {
      warnings.push({
        code: 'AREA_WITHOUT_CATEGORY',
        area: area.id,
        message: { fr: `la zone « ${area.name} » n'a pas de catégorie : elle n'est pas vendue`, en: `area "${area.name}" has no category: it is not sold` },
      });
      continue;
    }
    const c = entry(choice.category);
    areaCategories.add(choice.category);
    c.areaGauges += Math.max(0, Math.min(choice.sellableGauge, area.capacity));
  }
  const blocking: ReconciliationProblem[] = [];
  for (const c of byCode.values()) {
    const hasSeats = c.seats > 0;
    const hasAreas = areaCategories.has(c.code);
    c.kind = hasSeats && hasAreas ? 'mixed' : hasAreas ? 'unnumbered' : 'numbered';
    c.sellable = c.seats - c.killed + c.areaGauges;
    if (c.kind === 'mixed')
      blocking.push({
        code: 'CATEGORY_NUMBERED_AND_UNNUMBERED',
        category: c.code,
        message: { fr: `la catégorie « ${c.code} » est à la fois numérotée et non numérotée`, en: `category "${c.code}" is both numbered and unnumbered` },
      });
  }
  let unassigned = 0;
  for (const id of seatIds) if (!assigned.has(id) && !killed.has(id)) unassigned++;
  const categories = [...byCode.values()].filter((c) => c.seats > 0 || areaCategories.has(c.code)).sort((a, b) => a.code.localeCompare(b.code));
  const areaGauges = categories.reduce((s, c) => s + c.areaGauges, 0);
  const sellable = categories.reduce((s, c) => s + c.sellable, 0);
  if (unassigned > 0)
    blocking.unshift({
      code: 'UNASSIGNED_SEATS',
      count: unassigned,
      message: { fr: `${unassigned} place(s) sans catégorie (ni neutralisées)`, en: `${unassigned} seat(s) without a category (and not killed)` },
    });
  if (securityGauge > physicalSecurityGauge)
    blocking.push({
      code: 'LOGICAL_GAUGE_OVER_PHYSICAL',
      count: securityGauge - physicalSecurityGauge,
      message: {
        fr: `jauge de sécurité ${securityGauge} supérieure à celle de la configuration physique (${physicalSecurityGauge})`,
        en: `security gauge ${securityGauge} above the physical configuration's (${physicalSecurityGauge})`,
      },
    });
  if (sellable > securityGauge)
    blocking.push({
      code: 'SELLABLE_OVER_SECURITY_GAUGE',
      count: sellable - securityGauge,
      message: {
        fr: `${sellable} places vendables pour une jauge de sécurité de ${securityGauge} : ${sellable - securityGauge} de trop`,
        en: `${sellable} sellable places for a security gauge of ${securityGauge}: ${sellable - securityGauge} too many`,
      },
    });
  return {
    categories,
    totalSeats: seatIds.size,
    unassignedSeats: unassigned,
    killedSeats: killed.size,
    areaGauges,
    sellable,
    securityGauge,
    physicalSecurityGauge,
    blocking,
    warnings,
  };
}
