/** The shape every sale question answers with (performances and products alike). */
import type { ObjectRef, Reason } from './explain';
import { denseArray, type Snapshot } from './snapshot';
import { toIso } from './time';

export type SaleStatus = 'ON_SALE' | 'SOON_ON_SALE' | 'SALES_ENDED' | 'TEMPORARILY_UNAVAILABLE' | 'NOT_ON_SALE';

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
 * The provenance of interval `iv` (an index in snapshot.windows): its pieces, memoised per
 * interval and frozen (shared between answers). Empty for -1 (no interval).
 */
export function periodsOf(snapshot: Snapshot, iv: number): readonly PeriodProvenance[] {
  if (iv < 0) return EMPTY;
  const w = snapshot.windows;
  const memo = snapshot.memo.ivPeriods ?? (snapshot.memo.ivPeriods = denseArray(w.ivOpen.length));
  let periods = memo[iv];
  if (periods === undefined) {
    const list: PeriodProvenance[] = [];
    for (let k = w.ivPieceStart[iv]; k < w.ivPieceStart[iv + 1]; k++) list.push(provenanceOfPiece(snapshot, w.ivPieces[k]));
    periods = memo[iv] = Object.freeze(list);
  }
  return periods;
}

/** One piece's provenance entry (memoised and frozen). */
export function provenanceOfPiece(snapshot: Snapshot, piece: number): PeriodProvenance {
  const w = snapshot.windows;
  const memo = snapshot.memo.pcProvenance ?? (snapshot.memo.pcProvenance = denseArray(w.pcOpen.length));
  let provenance = memo[piece];
  if (provenance === undefined) {
    const period = snapshot.periods[w.pcPeriod[piece]];
    provenance = memo[piece] = Object.freeze({
      calendar: period.calendar.ref,
      period: period.ref,
      opensAt: toIso(w.pcOpen[piece]),
      closesAt: toIso(w.pcClose[piece]),
    });
  }
  return provenance;
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
