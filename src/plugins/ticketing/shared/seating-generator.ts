/**
 * The block generator: rows × seats with their labels, numbers, positions and stable ids, as the
 * admin editor and the demo seed make them. Pure (no Strapi, no DOM); one implementation for both.
 *
 * Geometry (plan units, y towards the back of the hall, the stage in front at smaller y): the
 * block's origin is the centre of its first row; rows go backwards (+y). A straight block puts its
 * seats on lines; an arc block on concentric arcs whose centre is `arcRadius` in front of the
 * first row (towards the stage), seats `seatSpacing` apart along each arc.
 *
 * Numbering, as seen on the plan (x to the right):
 *   - `ltr`: 1, 2, 3… from left to right;
 *   - `rtl`: 1, 2, 3… from right to left;
 *   - `oddEven` (French): odd numbers on the left half (the audience's left, facing the stage at
 *     the top of the plan), even numbers on the right half, 1 and 2 on each side of the centre
 *     aisle, growing outwards (… 5 3 1 | 2 4 6 …). The aisle is `aisleWidth` wide.
 */
import type { Seat, SeatBlock, SeatRow, SeatingPlan } from './seating-plan';

export type RowLabelScheme = 'letters' | 'numbers';
export type NumberingScheme = 'ltr' | 'rtl' | 'oddEven';
export type BlockShape = 'straight' | 'arc';

export interface BlockSpec {
  /** Prefix of the block's ids, unique in the plan (see `nextBlockId`): `b3` gives `b3`, `b3-r0`, `b3-r0-s0`… */
  id: string;
  name: string;
  x: number;
  y: number;
  rotation?: number;
  rows: number;
  seatsPerRow: number;
  rowLabels: RowLabelScheme;
  /** Index of the first row's label: 0 gives « A » (or « 1 »), 2 gives « C » (or « 3 »). */
  firstRow?: number;
  numbering: NumberingScheme;
  shape: BlockShape;
  /** Distance between two seats' centres in a row (default 50). */
  seatSpacing?: number;
  /** Distance between two rows (default 90). */
  rowSpacing?: number;
  /** Width of the centre aisle of `oddEven` numbering (default one `seatSpacing`). */
  aisleWidth?: number;
  /** Radius of the first row of an arc block (default 1,000). */
  arcRadius?: number;
}

export const GENERATOR_DEFAULTS = { seatSpacing: 50, rowSpacing: 90, arcRadius: 1000 } as const;
/** Bounds the editor and the seed keep to (a block of at most 100,000 seats, see SEATING_PLAN_LIMITS). */
export const GENERATOR_LIMITS = { maxRows: 200, maxSeatsPerRow: 500 } as const;

/** « A », « B »… « Z », « AA », « AB »… for index 0, 1… */
export function letterLabel(index: number): string {
  let n = index;
  let label = '';
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

export const rowLabel = (scheme: RowLabelScheme, index: number) => (scheme === 'letters' ? letterLabel(index) : String(index + 1));

/**
 * The seat numbers of a row of `n` seats, in plan order (left to right), and where the aisle falls
 * (the number of seats left of it; `null` without aisle).
 */
export function rowNumbers(numbering: NumberingScheme, n: number): { numbers: number[]; aisleAfter: number | null } {
  if (numbering === 'ltr') return { numbers: Array.from({ length: n }, (_, i) => i + 1), aisleAfter: null };
  if (numbering === 'rtl') return { numbers: Array.from({ length: n }, (_, i) => n - i), aisleAfter: null };
  const even = Math.floor(n / 2);
  const odd = n - even;
  const left = Array.from({ length: odd }, (_, i) => 2 * (odd - i) - 1);
  const right = Array.from({ length: even }, (_, i) => 2 * i + 2);
  return { numbers: [...left, ...right], aisleAfter: odd };
}

/** A block of rows × seats as the spec says. */
export function generateBlock(spec: BlockSpec): SeatBlock {
  const rows = Math.max(0, Math.floor(spec.rows));
  const perRow = Math.max(0, Math.floor(spec.seatsPerRow));
  if (rows > GENERATOR_LIMITS.maxRows || perRow > GENERATOR_LIMITS.maxSeatsPerRow) throw new RangeError(`at most ${GENERATOR_LIMITS.maxRows} rows of ${GENERATOR_LIMITS.maxSeatsPerRow} seats`);
  const spacing = spec.seatSpacing ?? GENERATOR_DEFAULTS.seatSpacing;
  const rowSpacing = spec.rowSpacing ?? GENERATOR_DEFAULTS.rowSpacing;
  const aisle = spec.numbering === 'oddEven' ? (spec.aisleWidth ?? spacing) : 0;
  const radius0 = spec.arcRadius ?? GENERATOR_DEFAULTS.arcRadius;
  const { numbers, aisleAfter } = rowNumbers(spec.numbering, perRow);
  // Offsets along the row (centred on 0), the aisle counted between its two seats.
  const offsets: number[] = [];
  for (let i = 0; i < perRow; i++) offsets.push(i * spacing + (aisleAfter !== null && i >= aisleAfter ? aisle : 0));
  const middle = perRow > 0 ? (offsets[0] + offsets[perRow - 1]) / 2 : 0;
  const firstRow = spec.firstRow ?? 0;
  const blockRows: SeatRow[] = [];
  for (let r = 0; r < rows; r++) {
    const seats: Seat[] = [];
    const radius = radius0 + r * rowSpacing;
    for (let i = 0; i < perRow; i++) {
      const along = offsets[i] - middle;
      let x: number;
      let y: number;
      if (spec.shape === 'arc') {
        const angle = along / radius;
        x = radius * Math.sin(angle);
        y = radius * Math.cos(angle) - radius0;
      } else {
        x = along;
        y = r * rowSpacing;
      }
      seats.push({ id: `${spec.id}-r${r}-s${i}`, number: String(numbers[i]), x: round(x), y: round(y) });
    }
    blockRows.push({ id: `${spec.id}-r${r}`, label: rowLabel(spec.rowLabels, firstRow + r), seats });
  }
  return { id: spec.id, name: spec.name, x: spec.x, y: spec.y, rotation: spec.rotation ?? 0, rows: blockRows };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** An id prefix no block, row, seat or area of the plan starts with: `b1`, `b2`… (`a1`, `a2`… for areas). */
export function nextBlockId(plan: Pick<SeatingPlan, 'blocks' | 'areas'>, letter: 'b' | 'a' = 'b'): string {
  const used = new Set<number>();
  const re = new RegExp(`^${letter}(\\d+)(?:-|$)`);
  for (const b of plan.blocks) {
    const m = re.exec(b.id);
    if (m) used.add(Number(m[1]));
  }
  for (const a of plan.areas) {
    const m = re.exec(a.id);
    if (m) used.add(Number(m[1]));
  }
  let n = 1;
  while (used.has(n)) n++;
  return `${letter}${n}`;
}

/** A seat's position on the plan: its block's rotation (degrees, clockwise) and origin applied. */
export function seatPosition(block: Pick<SeatBlock, 'x' | 'y' | 'rotation'>, seat: Pick<Seat, 'x' | 'y'>): [number, number] {
  if (!block.rotation) return [block.x + seat.x, block.y + seat.y];
  const a = (block.rotation * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  return [block.x + seat.x * cos - seat.y * sin, block.y + seat.x * sin + seat.y * cos];
}
