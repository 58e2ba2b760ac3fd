/**
 * Generates a block of numbered seats (rows × seats) for a seating plan: row labels A, B… or 1, 2…,
 * numbering left-to-right, right-to-left or French odd/even from the centre aisle, straight rows or
 * arcs. Pure (no Strapi, no DOM): used by the admin editor and by the server's demo seed, one
 * implementation.
 *
 * Geometry, relative to the block's origin (the middle of the first row): x to the right, y towards
 * the back of the hall. « Left » is the plan's left (smaller x), the audience's left when the stage
 * is drawn at the top.
 */
import { SEATING_PLAN_LIMITS, type Seat, type SeatBlock, type SeatRow } from './seating-plan';

export type RowLabelStyle = 'letters' | 'numbers';
export type SeatNumbering = 'left-to-right' | 'right-to-left' | 'odd-even';

export interface BlockGeneratorOptions {
  /** The block's id; rows and seats get ids derived from it (`<id>-r<row>` and `<id>-<row>-<seat>`). */
  id: string;
  name: string;
  rows: number;
  /** Seats per row: one number for every row, or one per row. */
  seatsPerRow: number | number[];
  rowLabels?: RowLabelStyle;
  /** Index of the first row's label (0 → « A » or « 1 »). */
  firstRowIndex?: number;
  /** Row labels to skip (French halls often skip « I » and « O »). */
  skipRowLabels?: string[];
  numbering?: SeatNumbering;
  /** First number of each row for left-to-right and right-to-left (1 by default). */
  firstNumber?: number;
  /** Distance between two seats' centres, and between two rows (plan units). */
  seatSpacing?: number;
  rowSpacing?: number;
  /** Width of the centre aisle (odd/even numbering only): a gap between the odd and the even side. */
  aisleWidth?: number;
  /** 0 or absent: straight rows; otherwise the radius of the first row's arc (its centre in front of the block). */
  arcRadius?: number;
  x?: number;
  y?: number;
  rotation?: number;
}

/** « A », « B »… « Z », « AA », « AB »… */
export function letterLabel(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/** The labels of `count` rows from `firstIndex`, skipping the ones asked. */
export function rowLabels(count: number, style: RowLabelStyle = 'letters', firstIndex = 0, skip: string[] = []): string[] {
  const out: string[] = [];
  const skipped = new Set(skip.map((s) => s.toUpperCase()));
  for (let i = firstIndex; out.length < count; i++) {
    const label = style === 'letters' ? letterLabel(i) : String(i + 1);
    if (!skipped.has(label)) out.push(label);
    if (i > firstIndex + count + skipped.size + 1000) break;
  }
  return out;
}

/**
 * The seat numbers of one row of `n` seats, from left to right. Odd/even: the left half (the larger
 * one when n is odd) is numbered 1, 3, 5… from the centre outwards, the right half 2, 4, 6… from the
 * centre outwards.
 */
export function seatNumbers(n: number, numbering: SeatNumbering = 'left-to-right', firstNumber = 1): number[] {
  if (numbering === 'left-to-right') return Array.from({ length: n }, (_, i) => firstNumber + i);
  if (numbering === 'right-to-left') return Array.from({ length: n }, (_, i) => firstNumber + n - 1 - i);
  const left = Math.ceil(n / 2);
  const right = n - left;
  const out: number[] = [];
  for (let i = 0; i < left; i++) out.push(2 * (left - i) - 1);
  for (let i = 0; i < right; i++) out.push(2 * (i + 1));
  return out;
}

const round = (v: number) => Math.round(v * 100) / 100;

export function generateBlock(options: BlockGeneratorOptions): SeatBlock {
  const { id, name, rows } = options;
  if (!/^[A-Za-z0-9_-]+$/.test(id) || id.length > SEATING_PLAN_LIMITS.maxIdLength - 12) throw new Error(`block id "${id}": [A-Za-z0-9_-], at most ${SEATING_PLAN_LIMITS.maxIdLength - 12} characters`);
  if (!Number.isInteger(rows) || rows < 1 || rows > 500) throw new Error('rows: a whole number from 1 to 500');
  const perRow = (r: number) => (Array.isArray(options.seatsPerRow) ? (options.seatsPerRow[r] ?? options.seatsPerRow[options.seatsPerRow.length - 1]) : options.seatsPerRow);
  const numbering = options.numbering ?? 'left-to-right';
  const seatSpacing = options.seatSpacing ?? 50;
  const rowSpacing = options.rowSpacing ?? 80;
  const aisle = numbering === 'odd-even' ? (options.aisleWidth ?? 0) : 0;
  const labels = rowLabels(rows, options.rowLabels ?? 'letters', options.firstRowIndex ?? 0, options.skipRowLabels ?? []);
  const radius = options.arcRadius ?? 0;
  const rowsOut: SeatRow[] = [];
  for (let r = 0; r < rows; r++) {
    const n = perRow(r);
    if (!Number.isInteger(n) || n < 1 || n > 2000) throw new Error(`seats per row (row ${r + 1}): a whole number from 1 to 2000`);
    const numbers = seatNumbers(n, numbering, options.firstNumber ?? 1);
    const left = Math.ceil(n / 2);
    const seats: Seat[] = [];
    for (let i = 0; i < n; i++) {
      // Offset along the row from its middle; the aisle splits the odd and even sides.
      let s = (i - (n - 1) / 2) * seatSpacing;
      if (aisle) s += i < left ? -aisle / 2 : aisle / 2;
      let x: number;
      let y: number;
      if (radius > 0) {
        const rr = radius + r * rowSpacing;
        const angle = s / rr;
        if (Math.abs(angle) > Math.PI / 2) throw new Error(`row ${r + 1}: an arc wider than a half circle; increase arcRadius`);
        x = rr * Math.sin(angle);
        y = rr * Math.cos(angle) - radius;
      } else {
        x = s;
        y = r * rowSpacing;
      }
      seats.push({ id: `${id}-${r + 1}-${i + 1}`, number: String(numbers[i]), x: round(x), y: round(y) });
    }
    rowsOut.push({ id: `${id}-r${r + 1}`, label: labels[r], seats });
  }
  return { id, name, x: options.x ?? 0, y: options.y ?? 0, rotation: options.rotation ?? 0, rows: rowsOut };
}
