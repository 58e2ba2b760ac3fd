/**
 * The seating-plan editor's data, in plain structures: the plan's seats flattened into typed arrays
 * (positions on the plan, block and row of each seat) for drawing and hit-testing 20,000 seats
 * without a DOM node per seat, and the edits of a plan or of a layout as pure functions.
 */
import { seatPosition } from '../../../../../shared/seating-generator';
import type { LogicalLayout, PlanRectangle, SeatBlock, SeatingArea, SeatingPlan } from '../../../../../shared/seating-plan';

export const SEAT_SIZE = 40;
export const EMPTY_PLAN: SeatingPlan = { version: 1, width: 4000, height: 3000, stage: { x: 1000, y: 0, width: 2000, height: 300 }, blocks: [], areas: [] };

export interface PlanIndex {
  n: number;
  xs: Float64Array;
  ys: Float64Array;
  /** Index of the seat's block in plan.blocks. */
  blockOf: Int32Array;
  ids: string[];
  numbers: string[];
  rowLabels: string[];
  /** 1 accessible, 2 companion. */
  flags: Uint8Array;
  byId: Map<string, number>;
  /** Extent of the seats and areas (plan units). */
  bounds: PlanRectangle;
}

export function indexPlan(plan: SeatingPlan): PlanIndex {
  let n = 0;
  for (const b of plan.blocks) for (const r of b.rows) n += r.seats.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const blockOf = new Int32Array(n);
  const flags = new Uint8Array(n);
  const ids: string[] = new Array(n);
  const numbers: string[] = new Array(n);
  const rowLabels: string[] = new Array(n);
  const byId = new Map<string, number>();
  let i = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  plan.blocks.forEach((block, b) => {
    for (const row of block.rows) {
      for (const seat of row.seats) {
        const [x, y] = seatPosition(block, seat);
        xs[i] = x;
        ys[i] = y;
        blockOf[i] = b;
        flags[i] = (seat.accessible ? 1 : 0) | (seat.companion ? 2 : 0);
        ids[i] = seat.id;
        numbers[i] = seat.number;
        rowLabels[i] = row.label;
        byId.set(seat.id, i);
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
        i++;
      }
    }
  });
  for (const area of plan.areas) {
    const r = areaBounds(area);
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  if (plan.stage) {
    minX = Math.min(minX, plan.stage.x);
    minY = Math.min(minY, plan.stage.y);
    maxX = Math.max(maxX, plan.stage.x + plan.stage.width);
    maxY = Math.max(maxY, plan.stage.y + plan.stage.height);
  }
  const bounds = Number.isFinite(minX)
    ? { x: minX - SEAT_SIZE, y: minY - SEAT_SIZE, width: maxX - minX + 2 * SEAT_SIZE, height: maxY - minY + 2 * SEAT_SIZE }
    : { x: 0, y: 0, width: plan.width, height: plan.height };
  return { n, xs, ys, blockOf, ids, numbers, rowLabels, flags, byId, bounds };
}

export function areaBounds(area: SeatingArea): PlanRectangle {
  if (area.shape.kind === 'rectangle') return { x: area.shape.x, y: area.shape.y, width: area.shape.width, height: area.shape.height };
  const xs = area.shape.points.map((p) => p[0]);
  const ys = area.shape.points.map((p) => p[1]);
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

/** The seat nearest to (x, y) within `radius` plan units, or -1. */
export function seatAt(index: PlanIndex, x: number, y: number, radius = SEAT_SIZE * 0.75): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < index.n; i++) {
    const dx = index.xs[i] - x;
    const dy = index.ys[i] - y;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** The seats whose centre is in the rectangle. */
export function seatsIn(index: PlanIndex, r: PlanRectangle): number[] {
  const found: number[] = [];
  const x2 = r.x + r.width;
  const y2 = r.y + r.height;
  for (let i = 0; i < index.n; i++) {
    const x = index.xs[i];
    const y = index.ys[i];
    if (x >= r.x && x <= x2 && y >= r.y && y <= y2) found.push(i);
  }
  return found;
}

export function areaAt(plan: SeatingPlan, x: number, y: number): SeatingArea | null {
  for (let k = plan.areas.length - 1; k >= 0; k--) {
    const r = areaBounds(plan.areas[k]);
    if (x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height) return plan.areas[k];
  }
  return null;
}

/** « A 1, A 3, B 2 » for the first `max` selected seats. */
export function describeSeats(index: PlanIndex, selected: Uint8Array, max = 40): { count: number; text: string } {
  const names: string[] = [];
  let count = 0;
  for (let i = 0; i < index.n; i++) {
    if (!selected[i]) continue;
    count++;
    if (names.length < max) names.push(`${index.rowLabels[i]} ${index.numbers[i]}`);
  }
  return { count, text: names.join(', ') + (count > max ? ' …' : '') };
}

export const selectionFromIds = (index: PlanIndex, ids: Iterable<string>): Uint8Array => {
  const selected = new Uint8Array(index.n);
  for (const id of ids) {
    const i = index.byId.get(id);
    if (i !== undefined) selected[i] = 1;
  }
  return selected;
};

export const selectedIds = (index: PlanIndex, selected: Uint8Array): Set<string> => {
  const ids = new Set<string>();
  for (let i = 0; i < index.n; i++) if (selected[i]) ids.add(index.ids[i]);
  return ids;
};

// ——— Edits of a physical plan (pure; blocks without a change keep their identity) ———

/** The blocks having at least one of the seats. */
export function blocksOf(plan: SeatingPlan, seatIds: Set<string>): Set<string> {
  const found = new Set<string>();
  for (const b of plan.blocks) if (b.rows.some((r) => r.seats.some((s) => seatIds.has(s.id)))) found.add(b.id);
  return found;
}

export const moveBlocks = (plan: SeatingPlan, blockIds: Set<string>, dx: number, dy: number): SeatingPlan => ({
  ...plan,
  blocks: plan.blocks.map((b) => (blockIds.has(b.id) ? { ...b, x: round(b.x + dx), y: round(b.y + dy) } : b)),
});

export const rotateBlocks = (plan: SeatingPlan, blockIds: Set<string>, degrees: number): SeatingPlan => ({
  ...plan,
  blocks: plan.blocks.map((b) => (blockIds.has(b.id) ? { ...b, rotation: normaliseDegrees(b.rotation + degrees) } : b)),
});

export const moveArea = (plan: SeatingPlan, areaId: string, dx: number, dy: number): SeatingPlan => ({
  ...plan,
  areas: plan.areas.map((a) =>
    a.id !== areaId
      ? a
      : {
          ...a,
          shape:
            a.shape.kind === 'rectangle'
              ? { ...a.shape, x: round(a.shape.x + dx), y: round(a.shape.y + dy) }
              : { ...a.shape, points: a.shape.points.map(([x, y]) => [round(x + dx), round(y + dy)] as [number, number]) },
        },
  ),
});

export function deleteSeats(plan: SeatingPlan, seatIds: Set<string>): SeatingPlan {
  const blocks: SeatBlock[] = [];
  for (const b of plan.blocks) {
    if (!b.rows.some((r) => r.seats.some((s) => seatIds.has(s.id)))) {
      blocks.push(b);
      continue;
    }
    const rows = b.rows.map((r) => ({ ...r, seats: r.seats.filter((s) => !seatIds.has(s.id)) })).filter((r) => r.seats.length > 0);
    if (rows.length > 0) blocks.push({ ...b, rows });
  }
  return { ...plan, blocks };
}

/** Sets (or clears) the accessible or companion flag of the seats. */
export function flagSeats(plan: SeatingPlan, seatIds: Set<string>, flag: 'accessible' | 'companion', value: boolean): SeatingPlan {
  return {
    ...plan,
    blocks: plan.blocks.map((b) =>
      b.rows.some((r) => r.seats.some((s) => seatIds.has(s.id)))
        ? {
            ...b,
            rows: b.rows.map((r) => ({
              ...r,
              seats: r.seats.map((s) => {
                if (!seatIds.has(s.id)) return s;
                const next = { ...s };
                if (value) next[flag] = true;
                else delete next[flag];
                return next;
              }),
            })),
          }
        : b,
    ),
  };
}

/** The plan's extent grown to hold its seats and areas (the server checks that they fit). */
export function fitExtent(plan: SeatingPlan): SeatingPlan {
  const { bounds } = indexPlan(plan);
  const width = Math.max(plan.width, Math.ceil(bounds.x + bounds.width));
  const height = Math.max(plan.height, Math.ceil(bounds.y + bounds.height));
  return width === plan.width && height === plan.height ? plan : { ...plan, width, height };
}

const round = (v: number) => Math.round(v * 100) / 100;
const normaliseDegrees = (d: number) => {
  const r = ((d % 360) + 360) % 360;
  return r > 180 ? r - 360 : r;
};

// ——— A logical layout as per-seat arrays ———

export interface LayoutState {
  /** Per seat: index of its category in the category list, or -1. */
  category: Int16Array;
  killed: Uint8Array;
  areas: LogicalLayout['areas'];
}

export function layoutState(index: PlanIndex, layout: LogicalLayout | null | undefined, codes: string[]): LayoutState {
  const category = new Int16Array(index.n).fill(-1);
  const killed = new Uint8Array(index.n);
  if (layout) {
    for (const [code, ids] of Object.entries(layout.seatsByCategory ?? {})) {
      const c = codes.indexOf(code);
      if (c < 0) continue;
      for (const id of ids) {
        const i = index.byId.get(id);
        if (i !== undefined) category[i] = c;
      }
    }
    for (const id of layout.killedSeats ?? []) {
      const i = index.byId.get(id);
      if (i !== undefined) killed[i] = 1;
    }
  }
  return { category, killed, areas: { ...(layout?.areas ?? {}) } };
}

export function toLayout(index: PlanIndex, state: LayoutState, codes: string[]): LogicalLayout {
  const seatsByCategory: Record<string, string[]> = {};
  for (const code of codes) seatsByCategory[code] = [];
  const killedSeats: string[] = [];
  for (let i = 0; i < index.n; i++) {
    const c = state.category[i];
    if (c >= 0) seatsByCategory[codes[c]].push(index.ids[i]);
    if (state.killed[i]) killedSeats.push(index.ids[i]);
  }
  for (const code of codes) if (seatsByCategory[code].length === 0) delete seatsByCategory[code];
  return { version: 1, seatsByCategory, killedSeats, areas: state.areas };
}

export const assignCategory = (state: LayoutState, selected: Uint8Array, category: number): LayoutState => {
  const next = state.category.slice();
  for (let i = 0; i < next.length; i++) if (selected[i]) next[i] = category;
  return { ...state, category: next };
};

export const setKilled = (state: LayoutState, selected: Uint8Array, value: boolean): LayoutState => {
  const next = state.killed.slice();
  for (let i = 0; i < next.length; i++) if (selected[i]) next[i] = value ? 1 : 0;
  return { ...state, killed: next };
};

export interface CategoryCount {
  code: string;
  seats: number;
  killed: number;
  areaGauge: number;
  sellable: number;
}

/** Per category: seats, kills among them, area gauges, sellable (seats − kills + area gauges); the seats without category. */
export function countLayout(state: LayoutState, codes: string[]): { categories: CategoryCount[]; uncategorised: number; killedUncategorised: number; total: number } {
  const categories = codes.map((code) => ({ code, seats: 0, killed: 0, areaGauge: 0, sellable: 0 }));
  let uncategorised = 0;
  let killedUncategorised = 0;
  for (let i = 0; i < state.category.length; i++) {
    const c = state.category[i];
    if (c < 0) {
      uncategorised++;
      if (state.killed[i]) killedUncategorised++;
      continue;
    }
    categories[c].seats++;
    if (state.killed[i]) categories[c].killed++;
  }
  for (const a of Object.values(state.areas)) {
    const c = codes.indexOf(a.category);
    if (c >= 0) categories[c].areaGauge += a.sellableGauge;
  }
  let total = 0;
  for (const c of categories) {
    c.sellable = c.seats - c.killed + c.areaGauge;
    total += c.sellable;
  }
  return { categories, uncategorised, killedUncategorised, total };
}

/** A distinct colour per category (by position), readable on light and dark themes. */
export const CATEGORY_COLORS = ['#4945ff', '#ee5e52', '#328048', '#f29d41', '#9736e8', '#0c75af', '#d02b20', '#66b7f1', '#8e6b00', '#e05fa7', '#2f6846', '#7b79ff'];
export const categoryColor = (index: number) => CATEGORY_COLORS[index % CATEGORY_COLORS.length];
