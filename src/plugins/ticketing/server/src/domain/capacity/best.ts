/**
 * Best available (ch.7, issue #17): N adjacent seats in one row of a seat category, the best ones a
 * buyer may take. Pure: no Strapi import.
 *
 * - Rows are the plan's rows (seats in plan order, left to right as drawn); two seats are adjacent
 *   when they follow each other in their row with no gap wider than 1.5 × the row's narrowest
 *   step (an aisle splits a row: odd/even numbering puts one in the middle).
 * - Best = the smallest sum of the seats' ranks. The rank of a seat is its distance to the centre of
 *   the stage (the plan's `stage`; without one, the middle of the plan's front edge, y = 0). Plans
 *   do not rank seats themselves today: a `rank` given by the caller replaces the distance.
 * - Ties: the block found first in plan order (block, row, seat), so an answer is reproducible.
 */
import type { SeatingPlan } from '../../../../shared/seating-plan';
import { seatPosition } from '../../../../shared/seating-generator';

export interface RankedSeat {
  id: string;
  /** Lower is better. */
  rank: number;
}

/** One row's seats of one category, in plan order, cut where seats are not adjacent. */
export type SeatRun = readonly RankedSeat[];

export const BEST_MAX_QUANTITY = 20;

/**
 * The runs of adjacent seats of each category (compiled once per logical configuration): seat
 * category code → runs. `categoryOfSeat` gives the sellable seats (killed and uncategorised seats
 * are left out, and cut runs as a gap does).
 */
export function seatRuns(plan: SeatingPlan | null, categoryOfSeat: ReadonlyMap<string, string>, rank?: (seatId: string) => number | undefined): Map<string, SeatRun[]> {
  const out = new Map<string, SeatRun[]>();
  if (!plan) return out;
  const target: [number, number] = plan.stage ? [plan.stage.x + plan.stage.width / 2, plan.stage.y + plan.stage.height / 2] : [plan.width / 2, 0];
  for (const block of plan.blocks ?? []) {
    for (const row of block.rows ?? []) {
      const seats = row.seats ?? [];
      const positions = seats.map((s) => seatPosition(block, s));
      let narrowest = Infinity;
      for (let i = 1; i < positions.length; i++) narrowest = Math.min(narrowest, Math.hypot(positions[i][0] - positions[i - 1][0], positions[i][1] - positions[i - 1][1]));
      let run: RankedSeat[] = [];
      let runCategory: string | undefined;
      const close = () => {
        if (run.length > 0 && runCategory !== undefined) {
          let list = out.get(runCategory);
          if (!list) out.set(runCategory, (list = []));
          list.push(run);
        }
        run = [];
        runCategory = undefined;
      };
      seats.forEach((seat, i) => {
        const category = categoryOfSeat.get(seat.id);
        const gap = i > 0 ? Math.hypot(positions[i][0] - positions[i - 1][0], positions[i][1] - positions[i - 1][1]) : 0;
        if (category === undefined || category !== runCategory || gap > narrowest * 1.5 + 1e-9) close();
        if (category === undefined) return;
        runCategory = category;
        run.push({ id: seat.id, rank: rank?.(seat.id) ?? Math.hypot(positions[i][0] - target[0], positions[i][1] - target[1]) });
      });
      close();
    }
  }
  return out;
}

/**
 * The best `quantity` adjacent seats among `runs` that `mayTake` accepts (free, not held, not
 * reserved for a contingent the buyer cannot sell from), or null when no run has that many in a row.
 */
export function bestBlock(runs: readonly SeatRun[], quantity: number, mayTake: (seatId: string) => boolean): string[] | null {
  if (!Number.isInteger(quantity) || quantity < 1) return null;
  let best: { start: number; run: SeatRun; score: number } | null = null;
  for (const run of runs) {
    let free = 0; // seats that may be taken, in a row, ending at i
    for (let i = 0; i < run.length; i++) {
      free = mayTake(run[i].id) ? free + 1 : 0;
      if (free < quantity) continue;
      const start = i - quantity + 1;
      let score = 0;
      for (let k = start; k <= i; k++) score += run[k].rank;
      if (best === null || score < best.score) best = { start, run, score };
    }
  }
  return best ? best.run.slice(best.start, best.start + quantity).map((s) => s.id) : null;
}

/** bestBlock over one category's runs (none: null). */
export function bestSeats(runsByCategory: ReadonlyMap<string, readonly SeatRun[]>, category: string, quantity: number, mayTake: (seatId: string) => boolean): string[] | null {
  return bestBlock(runsByCategory.get(category) ?? [], quantity, mayTake);
}
