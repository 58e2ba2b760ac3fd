/**
 * Seat statuses of a performance's plan (issue #17 item 5): held, sold, killed, reserved for a
 * contingent not yet released (by the contingent it would be taken from now, following releases
 * to another contingent); free = every other seat. Pure: the caller reads the held seats (with the
 * status of their hold) and passes the usage (recorded releases count).
 */
import type { SeatStatuses } from '../../../../shared/seating-plan';
import { type CapacityUsage, type PerformanceCapacity, seatPool } from './availability';

export type { SeatStatuses };

export interface HeldSeat {
  seat: string;
  /** The status of the hold that has it: held (not sold yet) or confirmed (sold). */
  status: 'held' | 'confirmed';
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function seatStatuses(pc: PerformanceCapacity, usage: Pick<CapacityUsage, 'released'>, heldSeats: readonly HeldSeat[], killedSeats: readonly string[], at: number): SeatStatuses {
  const held: string[] = [];
  const sold: string[] = [];
  const taken = new Set<string>();
  for (const h of heldSeats) {
    if (taken.has(h.seat)) continue;
    taken.add(h.seat);
    (h.status === 'confirmed' ? sold : held).push(h.seat);
  }
  const reserved: Record<string, string[]> = {};
  for (const seat of pc.allocationOfSeat.keys()) {
    if (taken.has(seat)) continue;
    const pool = seatPool(pc, seat, at, usage);
    if (pool !== null) (reserved[pool] ??= []).push(seat);
  }
  for (const list of Object.values(reserved)) list.sort(byId);
  return { at: new Date(at).toISOString(), held: held.sort(byId), sold: sold.sort(byId), killed: [...new Set(killedSeats)].sort(byId), reserved };
}
