/** The shape every sale question answers with (performances and products alike). */
import type { ObjectRef, Reason } from './explain';
import { pieceBounds, type Snapshot } from './snapshot';
import { toIso } from './time';
import type { SaleStatus } from '../../../shared/enums';

export type { SaleStatus };

/** One sales period's own interval for a performance. */
export interface PeriodProvenance {
  readonly calendar: ObjectRef;
  readonly period: ObjectRef;
  readonly opensAt: string;
  readonly closesAt: string;
}

export interface Provenance {
  /** Periods whose intervals make up the reported interval (current, next, or last). */
  readonly periods: readonly PeriodProvenance[];
  /** Validated profiles that grant the question (empty when none does). */
  readonly profiles: readonly ObjectRef[];
}

export interface SaleAnswer {
  status: SaleStatus;
  /**
   * The reported interval of the calendar window (product: of the granting profiles' sale
   * dates): the current one, else the next one, else the last one (so SALES_ENDED says
   * when sales closed). null when the window is empty or unbounded on that side.
   * Given whatever the status, so an admin sees when it would be sold.
   */
  opensAt: string | null;
  closesAt: string | null;
  provenance: Provenance;
  /** Every failing condition; empty only for ON_SALE. */
  reasons: Reason[];
}

/**
 * The provenance of interval `iv` (an index in snapshot.windows) of performance `p`: its
 * pieces, memoised per interval and frozen (shared between answers). Empty for -1 (no interval).
 */
export function periodsOf(snapshot: Snapshot, p: number, iv: number): readonly PeriodProvenance[] {
  if (iv < 0) return EMPTY;
  const w = snapshot.windows;
  const periods = snapshot.memo.ivPeriods.get(iv);
  if (periods !== undefined) return periods;
  const list: PeriodProvenance[] = [];
  for (let k = w.ivPieceStart[iv]; k < w.ivPieceStart[iv + 1]; k++) list.push(provenanceOfPiece(snapshot, p, w.ivPieces[k]));
  return snapshot.memo.ivPeriods.set(iv, Object.freeze(list));
}

/** The provenance entry of piece `k` (period k of its event) of performance `p` (memoised and frozen). */
export function provenanceOfPiece(snapshot: Snapshot, p: number, k: number): PeriodProvenance {
  const key = p * snapshot.windows.maxPeriods + k;
  const provenance = snapshot.memo.pcProvenance.get(key);
  if (provenance !== undefined) return provenance;
  const piece = pieceBounds(snapshot, p, k);
  return snapshot.memo.pcProvenance.set(
    key,
    Object.freeze({
      calendar: piece.period.calendar.ref,
      period: piece.period.ref,
      opensAt: toIso(piece.open),
      closesAt: toIso(piece.close),
    }),
  );
}

/** Where `at` falls against one interval [open, close) of a window (§1.4): before it, inside it, after it. */
export function windowStatusAt(open: number, close: number, at: number): 'SOON_ON_SALE' | 'ON_SALE' | 'SALES_ENDED' {
  return at < open ? 'SOON_ON_SALE' : at >= close ? 'SALES_ENDED' : 'ON_SALE';
}

/**
 * The status one interval of an answer's window shows at `at` (§1.4 read interval by interval):
 * the answer's own status when nothing in the window sells (NOT_ON_SALE, TEMPORARILY_UNAVAILABLE),
 * else where `at` falls against that interval. The admin timeline colours each bar with it.
 */
export function intervalStatus(status: SaleStatus, open: number, close: number, at: number): SaleStatus {
  if (status === 'NOT_ON_SALE' || status === 'TEMPORARILY_UNAVAILABLE') return status;
  const s = windowStatusAt(open, close, at);
  // SOLD_OUT (issue #17): the interval open now is sold out; the others are still before or after.
  return status === 'SOLD_OUT' && s === 'ON_SALE' ? 'SOLD_OUT' : s;
}

export const EMPTY: readonly never[] = Object.freeze([]);
export const NO_PROVENANCE: Provenance = Object.freeze({ periods: EMPTY, profiles: EMPTY });

/** "01/07/2027 à 10:00" / "2027-07-01 10:00" in the institution zone, without luxon (hot path). */
export function localTime(snapshot: Snapshot, ms: number): { fr: string; en: string } {
  const d = new Date(ms + snapshot.clock.offset(ms) * 60_000);
  const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  const date = { y: d.getUTCFullYear(), m: p2(d.getUTCMonth() + 1), d: p2(d.getUTCDate()) };
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
  return { fr: `${date.d}/${date.m}/${date.y} à ${time}`, en: `${date.y}-${date.m}-${date.d} ${time}` };
}
